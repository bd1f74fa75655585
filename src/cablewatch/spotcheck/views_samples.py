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
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.access import get_for_user_or_404, role_required, signed_in_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import AuditEntry, Role, User
from cablewatch.lib.downloads import attach
from cablewatch.spotcheck import documents
from cablewatch.spotcheck.forms import (
    NotSampledForm,
    SampleForm,
    apply_domain_error,
)
from cablewatch.spotcheck.models import (
    DrawTask,
    NotSampled,
    Rectification,
    Report,
    ResultVersion,
    Retest,
    Sample,
    SamplePhoto,
)
from cablewatch.spotcheck.qr import qr_svg
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
    closed = {n.task_id: n for n in NotSampled.objects.filter(task__in=tasks)}
    context = {"tasks": tasks, "done": done, "closed": closed}
    return render(request, "spotcheck/task_list.html", context)


def _open_task(request: HttpRequest, pk: int) -> DrawTask:
    return get_for_user_or_404(
        _user(request),
        DrawTask.objects.select_related("plan", "enterprise"),
        via="for_inspector",
        pk=pk,
    )


@role_required(Role.INSPECTOR)
def task_sample(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    task = _open_task(request, pk)
    initial = {
        "sampled_unit_name": task.enterprise.name,
        "sampled_unit_address": task.enterprise.address,
        "sampled_division": task.enterprise.division_id,
        "sampled_at": timezone.localtime().replace(second=0, microsecond=0),
    }
    kinds = list(task.plan.site_kinds or [])
    if len(kinds) == 1:
        initial["site_kind"] = kinds[0]
    form = SampleForm(request.POST or None, request.FILES or None, initial=initial, task=task)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "photos"}
        try:
            sample = sampling.record_sample(
                actor=user, task=task, data=data, photos=form.cleaned_data.get("photos") or []
            )
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            messages.success(
                request, _("Sample recorded. Blind code: %(code)s") % {"code": sample.blind_code}
            )
            return redirect("spotcheck:sample-detail", sample.pk)
    return render(request, "spotcheck/sample_form.html", {"form": form, "task": task})


@role_required(Role.INSPECTOR)
def task_not_sampled(request: HttpRequest, pk: int) -> HttpResponse:
    """The drawn unit could not be sampled: the reason; a refusal goes to enforcement."""
    user = _user(request)
    task = _open_task(request, pk)
    initial = {"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = NotSampledForm(request.POST or None, initial=initial, task=task)
    if request.method == "POST" and form.is_valid():
        try:
            row = sampling.record_not_sampled(actor=user, task=task, data=form.cleaned_data)
        except DomainError as exc:
            apply_domain_error(form, exc)
        else:
            if row.reason == NotSampled.Reason.REFUSED:
                messages.success(
                    request,
                    _("Recorded as refused; a case (拒绝监督抽查) is opened for enforcement."),
                )
            else:
                messages.success(request, _("Recorded as not sampled."))
            return redirect("spotcheck:task-list")
    return render(request, "spotcheck/not_sampled_form.html", {"form": form, "task": task})


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
        user, Sample.objects.select_related("enterprise", "lab", "task__plan"), pk=pk
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
def sampling_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable 抽样单: the record, both inspectors and the sampled unit's signature
    fields, and a QR code that opens this sample's record (for staff who may see it)."""
    sample = get_for_user_or_404(
        _user(request),
        Sample.objects.select_related(
            "enterprise", "lab", "task__plan", "sampled_division", "recorded_by"
        ),
        pk=pk,
    )
    url = request.build_absolute_uri(reverse("spotcheck:sample-detail", args=[sample.pk]))
    context = {
        "sample": sample,
        "inspectors": sample.task.inspectors.order_by("pk"),
        "qr": qr_svg(url),
        "record_url": url,
    }
    return render(request, "spotcheck/sampling_record.html", context)


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


@signed_in_required
def notice_pdf(request: HttpRequest, number: str) -> HttpResponse:
    """检验结果通知书 of a report, for the same readers as the report itself."""
    user = _user(request)
    report = Report.objects.filter(number=number).select_related("sample__task__plan").first()
    if report is None or not Sample.objects.for_user(user).filter(pk=report.sample_id).exists():
        raise Http404
    pdf = documents.render_notice(report)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.number}-notice.pdf"'
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
        "unsampled": tasks.filter(
            sample__isnull=True, not_sampled__isnull=True, plan__sample_by__lt=today
        ).select_related("plan", "enterprise")[:100],
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
    sample = get_for_user_or_404(user, Sample.objects, pk=pk)
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
