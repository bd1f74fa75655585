"""Staff pages: announcements (generate, approve, correct) and the import upload."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cablewatch.base.access import get_for_user_or_404, role_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Division, Role, User
from cablewatch.lib.downloads import attach
from cablewatch.portal.forms import ImportCheckForm, UploadForm
from cablewatch.portal.models import Announcement, ImportRun, ImportStatus, PublishedResult
from cablewatch.portal.services import announcements as service
from cablewatch.portal.services import imports
from cablewatch.portal.tasks import import_uploaded_file, upload_folder

officer_required = role_required(Role.SUPERVISION)


ISO_DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class SelectForm(forms.Form):
    """Which results to consider: a plan, a region of the plans, a period of result dates."""

    plan = forms.TypedChoiceField(
        label=gettext_lazy("Plan"), required=False, coerce=int, empty_value=None
    )
    region = forms.ChoiceField(label=gettext_lazy("Region"), required=False)
    date_from = forms.DateField(label=gettext_lazy("Results from"), required=False, widget=ISO_DATE)
    date_to = forms.DateField(label=gettext_lazy("Results until"), required=False, widget=ISO_DATE)

    def __init__(self, *args: Any, plans: list[tuple[int, str]], regions: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["plan"].choices = [("", _("Every plan")), *plans]  # type: ignore[attr-defined]
        self.fields["region"].choices = [("", _("Every region")), *regions]  # type: ignore[attr-defined]

    def selection(self) -> service.Selection:
        data = self.cleaned_data if self.is_valid() else {}
        return service.Selection(
            plan=data.get("plan"),
            region=data.get("region") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class GenerateForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Number"), max_length=64)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    disclosure_date = forms.DateField(label=gettext_lazy("Disclosure date"), widget=ISO_DATE)
    candidates = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Results to announce"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose the results to announce.")},
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["candidates"].choices = choices  # type: ignore[attr-defined]


class RescheduleForm(forms.Form):
    disclosure_date = forms.DateField(label=gettext_lazy("Disclosure date"), widget=ISO_DATE)


class CorrectForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("What the correction changes"), max_length=1000)
    drop = forms.CharField(
        label=gettext_lazy("Remove rows (sample ids, comma separated)"), required=False
    )


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _own_division(user: User) -> Division:
    if user.agency is None:
        return Division.objects.get(code="000000")
    return user.agency.division


def _regions(division: Division) -> list[tuple[str, str]]:
    """The officer's division and the ones directly below it (cities of a province …)."""
    rows = [division, *Division.objects.filter(parent=division).order_by("code")]
    return [(d.code, d.display_name) for d in rows]


@officer_required
def announcement_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    division = _own_division(user)
    pending = service.pending_for(user, division)
    plans = sorted(
        {(p, n or str(p)) for p, n in pending.values_list("plan_ref", "plan_name") if p},
        key=lambda t: -t[0],
    )
    select = SelectForm(request.GET or None, plans=plans, regions=_regions(division))
    chosen = list(service.select_candidates(user, division, select.selection())[:500])
    today = timezone.localdate()
    rows = [(c, service.ineligible(c, today)) for c in chosen]
    form = GenerateForm(
        request.POST or None,
        initial={"disclosure_date": today, "candidates": [c.pk for c, why in rows if not why]},
        choices=[(c.pk, c.report_number or c.sample_id) for c, _why in rows],
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = service.generate_announcement(
                actor=user,
                division=division,
                number=form.cleaned_data["number"],
                title=form.cleaned_data["title"],
                disclosure_date=form.cleaned_data["disclosure_date"],
                candidate_ids=form.cleaned_data["candidates"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("Draft announcement generated; a second officer approves it.")
            )
            return redirect("portal:staff-announcement", made.pk)
    checked = {int(x) for x in (form["candidates"].value() or []) if str(x).isdigit()}
    context: dict[str, Any] = {
        "announcements": Announcement.objects.for_user(user).select_related("division")[:100],
        "rows": [(c, why, c.pk in checked) for c, why in rows],
        "pending_count": pending.count(),
        "eligible_count": sum(1 for _c, why in rows if not why),
        "select": select,
        "form": form,
    }
    return render(request, "portal/staff_announcements.html", context)


@officer_required
def announcement_staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    announcement = get_for_user_or_404(user, Announcement.objects, pk=pk)
    correct = CorrectForm(request.POST or None) if "note" in request.POST else CorrectForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                service.approve_announcement(actor=user, announcement=announcement)
                messages.success(request, _("Announcement approved."))
            elif request.POST.get("action") == "reschedule":
                when = RescheduleForm(request.POST)
                if not when.is_valid():
                    raise DomainError(_("Enter a valid date."), field="disclosure_date")
                service.reschedule_announcement(
                    actor=user,
                    announcement=announcement,
                    disclosure_date=when.cleaned_data["disclosure_date"],
                )
                messages.success(request, _("Disclosure date changed."))
            elif correct.is_valid():
                drop = [
                    int(x) for x in correct.cleaned_data["drop"].split(",") if x.strip().isdigit()
                ]
                ids = list(
                    announcement.candidates.filter(sample_id__in=drop).values_list("pk", flat=True)
                )
                made = service.correct_announcement(
                    actor=user,
                    announcement=announcement,
                    note=correct.cleaned_data["note"],
                    drop_candidate_ids=ids,
                )
                return redirect("portal:staff-announcement", made.pk)
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("portal:staff-announcement", announcement.pk)
    refusal = service.second_officer_refusal(user, announcement.created_by, announcement.division)
    context = {
        "announcement": announcement,
        "rows": announcement.candidates.all()
        if not announcement.is_public
        else PublishedResult.objects.filter(announcement=announcement).order_by("seq"),
        "correct": correct,
        "can_approve": announcement.status == Announcement.Status.DRAFT and not refusal,
        "approve_refusal": refusal if announcement.status == Announcement.Status.DRAFT else "",
        "reschedule": RescheduleForm(initial={"disclosure_date": announcement.disclosure_date}),
    }
    return render(request, "portal/staff_announcement_detail.html", context)


@officer_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload another agency's published announcement: stored and queued; the worker
    stages it (reads and counts it with the bounded readers, keeps it, nothing public), and
    the check page follows it until a second officer publishes or rejects it. A large file
    never holds the request or the database."""
    user = _user(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        path = upload_folder() / f"{uuid.uuid4().hex}{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        agency = form.cleaned_data["agency"]
        run = ImportRun.objects.create(
            file_name=upload.name[:255],
            status=ImportRun.Status.STAGED,
            progress=ImportStatus.QUEUED,
            agency=agency,
            source_label=agency.name[:200],
            region=agency.division_id,
            actor=user,
            upload=str(path),
        )
        transaction.on_commit(lambda: import_uploaded_file.enqueue(run.pk))
        return redirect("portal:import-check", run.pk)
    runs = imports.visible_runs(user)[:30]
    return render(request, "portal/import_upload.html", {"form": form, "runs": runs})


@officer_required
def import_check(request: HttpRequest, pk: int) -> HttpResponse:
    """A staged import: its counts, rejects and original file; publish or reject."""
    user = _user(request)
    run = get_object_or_404(imports.visible_runs(user), pk=pk)
    form = ImportCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and run.progress == ImportStatus.DONE:
        try:
            if request.POST.get("action") == "publish":
                summary = imports.publish_import(actor=user, run=run)
                messages.success(request, _("Published %(n)d rows.") % {"n": summary.imported})
            else:
                imports.reject_import(actor=user, run=run, note=form.cleaned_data["note"])
                messages.success(request, _("Import rejected."))
            return redirect("portal:import-check", run.pk)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
    working = run.progress in (ImportStatus.QUEUED, ImportStatus.READING, ImportStatus.WRITING)
    refusal = (
        service.second_officer_refusal(user, run.actor, imports.home_division(run.actor))
        if run.status == ImportRun.Status.STAGED and run.actor is not None
        else ""
    )
    percent = 100 * run.rows_done // run.rows_total if run.rows_total else 0
    context = {
        "run": run,
        "form": form,
        "refusal": refusal,
        "working": working,
        "percent": percent,
        "checkable": run.progress == ImportStatus.DONE,
    }
    return render(request, "portal/import_check.html", context)


@officer_required
def import_original(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(imports.visible_runs(_user(request)), pk=pk)
    if run.original is None:
        raise Http404
    response = HttpResponse(bytes(run.original), content_type="application/octet-stream")
    attach(response, f"import-{run.pk}{_suffix(run)}")
    return response


def _suffix(run: ImportRun) -> str:
    suffix = Path(run.file_name).suffix.lower()
    return suffix if suffix in {".xlsx", ".xls", ".csv", ".txt", ".html", ".htm"} else ""


@officer_required
def import_rejects(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(imports.visible_runs(_user(request)), pk=pk)
    response = HttpResponse("\ufeff" + run.rejects_csv, content_type="text/csv; charset=utf-8")
    attach(response, f"rejects-{run.pk}.csv")
    return response
