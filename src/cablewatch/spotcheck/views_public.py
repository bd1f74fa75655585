"""Public report verification and the enterprise's own results (re-test, rectification)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.access import get_for_user_or_404, role_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Role, User
from cablewatch.spotcheck.forms import RectificationForm, RetestForm, VerifyForm, apply_error
from cablewatch.spotcheck.models import Rectification, Report, Retest, Sample
from cablewatch.spotcheck.services import aftermath, reports


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def verify_upload(request: HttpRequest) -> HttpResponse:
    """No login: upload a PDF and learn whether it is a genuine, unaltered report."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = reports.verify_pdf(upload.read())
    return render(request, "spotcheck/verify.html", {"form": form, "outcome": outcome})


def verify_number(request: HttpRequest, number: str) -> HttpResponse:
    """No login: what the QR code opens. Says whether the report is genuine; shows its
    content only once it is published, or to whoever holds it (the QR code's `code`)."""
    report = Report.objects.filter(number=number).first()
    form = VerifyForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        outcome = reports.verify_pdf(form.cleaned_data["file"].read())
    code = request.GET.get("code") or None
    visible = report is not None and reports.content_visible(report, code)
    context = {
        "number": number,
        "report": report,
        "visible": visible,
        "code_wrong": bool(code) and not visible,
        "lab_name": reports.lab_name(report) if report else "",
        "signature_ok": report is not None and reports.verify_signature(report),
        "form": form,
        "outcome": outcome,
    }
    response = render(
        request, "spotcheck/verify_number.html", context, status=200 if report else 404
    )
    if code:  # the address carries a secret: keep it out of caches and Referer headers
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "no-referrer"
    return response


@role_required(Role.ENTERPRISE)
def my_results(request: HttpRequest) -> HttpResponse:
    rows = (
        Sample.objects.for_user(_user(request))
        .select_related("retest", "rectification")
        .prefetch_related("reports")
        .order_by("-result_date", "-pk")
    )
    return render(request, "spotcheck/my_results.html", {"rows": rows})


@role_required(Role.ENTERPRISE)
def my_result(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    sample = get_for_user_or_404(user, Sample.objects, pk=pk)
    allowed = aftermath.retestable_items(sample) if sample.verdict == "fail" else []
    retest_form = RetestForm(
        request.POST if "retest" in request.POST else None, items=allowed or ["-"]
    )
    rect_form = RectificationForm(request.POST if "rectify" in request.POST else None)
    if request.method == "POST":
        try:
            if "retest" in request.POST and retest_form.is_valid():
                aftermath.request_retest(
                    actor=user,
                    sample=sample,
                    items=retest_form.cleaned_data["items"],
                    reason=retest_form.cleaned_data["reason"],
                )
                messages.success(request, _("Re-test requested."))
                return redirect("spotcheck:my-result", sample.pk)
            if "rectify" in request.POST and rect_form.is_valid():
                aftermath.file_rectification(
                    actor=user, sample=sample, text=rect_form.cleaned_data["text"]
                )
                messages.success(request, _("Rectification report filed."))
                return redirect("spotcheck:my-result", sample.pk)
        except DomainError as exc:
            apply_error(
                retest_form if "retest" in request.POST else rect_form, exc.field, exc.message
            )
    deadline = aftermath.retest_deadline(sample)
    context = {
        "sample": sample,
        "reports": sample.reports.all(),
        "retest": Retest.objects.filter(sample=sample).select_related("lab").first(),
        "rectification": Rectification.objects.filter(sample=sample).first(),
        "deadline": deadline,
        "window_open": bool(allowed) and deadline is not None and timezone.localdate() <= deadline,
        "retest_form": retest_form,
        "rect_form": rect_form,
    }
    return render(request, "spotcheck/my_result.html", context)
