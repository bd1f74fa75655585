"""The lab's side: blind codes, designations and the items to test; never the enterprise,
the place or the plan. Analysts enter (form or instrument CSV); reviewers approve or return."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cablewatch.base.access import get_for_user_or_404, role_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Role, User
from cablewatch.spotcheck.entry import (
    entry_fields,
    measurements_from_values,
    values_from_csv,
    values_from_measurements,
)
from cablewatch.spotcheck.models import ResultVersion, Retest, Sample
from cablewatch.spotcheck.services import results

LAB_ROLES = (Role.LAB_ANALYST, Role.LAB_REVIEWER)
# What a lab page may load of a sample: nothing that names the enterprise or the site.
BLIND_FIELDS = ("pk", "blind_code", "designation", "status", "lab_id", "final", "verdict")


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@role_required(*LAB_ROLES)
def lab_queue(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    rows = (
        Sample.objects.for_lab(user)
        .order_by("-pk")
        .values("blind_code", "designation", "status", "final")
    )
    return render(request, "spotcheck/lab_queue.html", {"rows": rows[:500]})


def work_fields(sample: Sample) -> tuple[list[dict[str, object]], list[object], Retest | None]:
    items = results.items_for(sample)
    retest = Retest.objects.filter(sample=sample, status=Retest.Status.PENDING).first()
    only = set(results.measurement_keys(sample, retest.items)) if retest else None
    if retest:
        items = [i for i in items if i["item"] in retest.items]
    return items, list(entry_fields(results.items_for(sample), only)), retest


@role_required(*LAB_ROLES)
def lab_sample(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    sample: Sample = get_for_user_or_404(
        user, Sample.objects.only(*BLIND_FIELDS), via="for_lab", blind_code=code
    )
    items, fields, retest = work_fields(sample)
    versions = ResultVersion.objects.filter(sample=sample, lab_id=user.agency_id).select_related(
        "entered_by", "reviewed_by"
    )
    pending = versions.filter(status=ResultVersion.Status.SUBMITTED).first()
    last = versions.order_by("-version").first()
    values = values_from_measurements(fields, last.measurements) if last else {}  # type: ignore[arg-type]
    context = {
        "sample": sample,
        "items": items,
        "fields": [(f, values.get(f.name, "")) for f in fields],  # type: ignore[attr-defined]
        "versions": versions,
        "pending": pending,
        "retest": retest is not None,
        "can_enter": user.has_role(Role.LAB_ANALYST)
        and pending is None
        and results.current_lab_id(sample) == user.agency_id,
        "can_review": pending is not None
        and user.has_role(Role.LAB_REVIEWER)
        and pending.entered_by_id != user.pk,
        "own_entry": pending is not None and pending.entered_by_id == user.pk,
    }
    return render(request, "spotcheck/lab_sample.html", context)


@role_required(Role.LAB_ANALYST)
def lab_enter(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    sample: Sample = get_for_user_or_404(
        user, Sample.objects.only(*BLIND_FIELDS), via="for_lab", blind_code=code
    )
    if request.method != "POST":
        return redirect("spotcheck:lab-sample", code)
    fields = work_fields(sample)[1]
    try:
        upload = request.FILES.get("csv")
        values = values_from_csv(upload.read()) if upload else request.POST
        measurements = measurements_from_values(fields, values)  # type: ignore[arg-type]
        results.submit_results(
            actor=user,
            sample=sample,
            measurements=measurements,
            reason=request.POST.get("reason", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Results submitted for review."))
    return redirect("spotcheck:lab-sample", code)


@role_required(Role.LAB_REVIEWER)
def lab_review(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    sample: Sample = get_for_user_or_404(
        user, Sample.objects.only(*BLIND_FIELDS), via="for_lab", blind_code=code
    )
    if request.method != "POST":
        return redirect("spotcheck:lab-sample", code)
    note = request.POST.get("note", "")
    try:
        if request.POST.get("decision") == "approve":
            results.approve_results(actor=user, sample=sample, note=note)
            messages.success(
                request, _("Approved. The verdict was computed by the standards engine.")
            )
        else:
            results.return_results(actor=user, sample=sample, note=note)
            messages.success(request, _("Returned to the analyst."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("spotcheck:lab-sample", code)
