"""Sampling by inspectors; sample lists, details, photos, reports and the dashboard for staff."""

from __future__ import annotations

import datetime as dt
import mimetypes
from functools import cached_property

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.access import get_for_user_or_404, role_required, signed_in_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import AuditEntry, Role, User
from cablewatch.lib.downloads import attach
from cablewatch.spotcheck.forms import SampleForm, apply_error
from cablewatch.spotcheck.models import (
    DrawTask,
    Rectification,
    Report,
    ResultVersion,
    Retest,
    Sample,
    SamplePhoto,
)
from cablewatch.spotcheck.services import aftermath, sampling

SUPERVISORS = (Role.SUPERVISION, Role.ADMIN)
REVIEW_DAYS = 5
COUNT_CAP = 10_000


class CappedPaginator(Paginator[Sample]):
    """Counts at most COUNT_CAP rows: an exact COUNT(*) over a province's hundreds of
    thousands of samples costs more than the page itself, and nobody pages that far."""

    @cached_property
    def count(self) -> int:
        return int(self.object_list[: COUNT_CAP + 1].count())  # type: ignore[attr-defined]

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@role_required(Role.INSPECTOR)
def task_list(request: HttpRequest) -> HttpResponse:
    tasks = (
        DrawTask.objects.filter(inspectors=_user(request))
        .select_related("plan", "enterprise", "lab")
        .order_by("-plan_id", "seq")
    )
    done = set(Sample.objects.filter(task__in=tasks).values_list("task_id", flat=True))
    return render(request, "spotcheck/task_list.html", {"tasks": tasks, "done": done})


@role_required(Role.INSPECTOR)
def task_sample(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = get_for_user_or_404(
        DrawTask.objects.filter(inspectors=user).select_related("plan", "enterprise"), pk=pk
    )
    initial = {
        "sampled_unit_name": task.enterprise.name,
        "sampled_unit_address": task.enterprise.address,
        "sampled_division": task.enterprise.division_id,
        "sampled_at": timezone.localtime().replace(second=0, microsecond=0),
    }
    form = SampleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            sample = sampling.record_sample(
                actor=user,
                task=task,
                data=form.cleaned_data,
                photos=request.FILES.getlist("photos"),
            )
        except DomainError as exc:
            apply_error(form, exc.field, exc.message)
        else:
            messages.success(
                request, _("Sample recorded. Blind code: %(code)s") % {"code": sample.blind_code}
            )
            return redirect("spotcheck:sample-detail", sample.pk)
    return render(request, "spotcheck/sample_form.html", {"form": form, "task": task})


@role_required(*SUPERVISORS, Role.INSPECTOR, Role.ENFORCEMENT)
def sample_list(request: HttpRequest) -> HttpResponse:
    rows = Sample.objects.for_user(_user(request)).select_related("enterprise", "lab")
    verdict = request.GET.get("verdict", "")
    if verdict in ("pass", "fail"):
        rows = rows.filter(verdict=verdict)
    q = request.GET.get("q", "").strip()
    if q:
        rows = rows.filter(Q(blind_code=q.upper()) | Q(enterprise__name__contains=q))
    paginator = CappedPaginator(rows.order_by("-sampled_at", "-pk"), 50)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("verdict", verdict), ("q", q)) if v)
    context = {
        "page_obj": page_obj,
        "verdict": verdict,
        "q": q,
        "querystring": f"{query}&" if query else "",
    }
    return render(request, "spotcheck/sample_list.html", context)


@role_required(*SUPERVISORS, Role.INSPECTOR, Role.ENFORCEMENT)
def sample_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    sample = get_for_user_or_404(
        Sample.objects.for_user(user).select_related("enterprise", "lab", "task__plan"), pk=pk
    )
    versions = sample.results.select_related("entered_by", "reviewed_by", "lab")
    history = AuditEntry.objects.filter(
        Q(target_type="spotcheck.sample", target_id=str(sample.pk))
        | Q(target_type="spotcheck.resultversion", target_id__in=[str(v.pk) for v in versions])
    ).order_by("-seq")
    context = {
        "sample": sample,
        "versions": versions,
        "reports": sample.reports.all(),
        "photos": sample.photos.all(),
        "retest": Retest.objects.filter(sample=sample).select_related("lab").first(),
        "rectification": Rectification.objects.filter(sample=sample).first(),
        "history": history,
        "is_supervisor": user.has_role(*SUPERVISORS),
    }
    return render(request, "spotcheck/sample_detail.html", context)


@role_required(*SUPERVISORS, Role.INSPECTOR, Role.ENFORCEMENT)
def sample_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """Photos are served only through this check, never from a public media URL."""
    photo = SamplePhoto.objects.filter(pk=pk).select_related("sample").first()
    if (
        photo is None
        or not Sample.objects.for_user(_user(request)).filter(pk=photo.sample_id).exists()
    ):
        raise Http404
    with photo.image.open("rb") as handle:
        data = handle.read()
    kind = mimetypes.guess_type(photo.image.name or "")[0] or "application/octet-stream"
    return HttpResponse(data, content_type=kind)


@signed_in_required
def report_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """Supervisors of the region and the sampled enterprise; not the lab (it stays blind)."""
    user = _user(request)
    report = Report.objects.filter(number=number).first()
    if report is None or not Sample.objects.for_user(user).filter(pk=report.sample_id).exists():
        raise Http404
    response = HttpResponse(bytes(report.pdf), content_type="application/pdf")
    attach(response, f"{report.number}.pdf")
    return response


@role_required(*SUPERVISORS)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Overdue work of every kind in the officer's region."""
    user = _user(request)
    today = timezone.localdate()
    samples = Sample.objects.for_user(user)
    tasks = DrawTask.objects.filter(user.region_filter("plan__division_id"))
    context = {
        "today": today,
        "unsampled": tasks.filter(sample__isnull=True, plan__sample_by__lt=today).select_related(
            "plan", "enterprise"
        )[:100],
        "untested": samples.filter(
            status=Sample.Status.SAMPLED, task__plan__test_by__lt=today
        ).select_related("enterprise", "lab")[:100],
        "unreviewed": ResultVersion.objects.filter(
            sample__in=samples,
            status=ResultVersion.Status.SUBMITTED,
            entered_at__lt=timezone.now() - dt.timedelta(days=REVIEW_DAYS),
        ).select_related("sample", "lab")[:100],
        "retests": Retest.objects.filter(
            sample__in=samples,
            status=Retest.Status.PENDING,
            requested_on__lt=today - dt.timedelta(days=30),
        ).select_related("sample", "lab")[:100],
        "rectifications": Rectification.objects.filter(sample__in=samples)
        .filter(
            Q(status=Rectification.Status.OPEN, due_on__lt=today)
            | Q(recheck_by__lt=today) & ~Q(status=Rectification.Status.RECHECKED)
        )
        .select_related("sample__enterprise")[:100],
    }
    return render(request, "spotcheck/dashboard.html", context)


@role_required(*SUPERVISORS)
def schedule_recheck(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    sample = get_for_user_or_404(Sample.objects.for_user(user), pk=pk)
    rect = Rectification.objects.filter(sample=sample).first()
    raw = request.POST.get("on", "")
    if request.method == "POST" and rect is not None:
        try:
            on = dt.date.fromisoformat(raw)
        except ValueError:
            messages.error(request, _("Give the re-check date."))
        else:
            try:
                aftermath.schedule_recheck(actor=user, rect=rect, on=on)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Re-check scheduled."))
    return redirect("spotcheck:sample-detail", sample.pk)
