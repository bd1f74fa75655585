"""Staff pages: announcements (generate, approve, correct) and the import upload."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cablewatch.base.access import get_for_user_or_404, role_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Division, Role, User
from cablewatch.lib.downloads import attach
from cablewatch.portal.forms import UploadForm
from cablewatch.portal.models import Announcement, ImportRun, ImportStatus, PublishedResult
from cablewatch.portal.services import announcements as service
from cablewatch.portal.tasks import import_uploaded_file, upload_folder

officer_required = role_required(Role.SUPERVISION)


class GenerateForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Number"), max_length=64)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    disclosure_date = forms.DateField(
        label=gettext_lazy("Disclosure date"), widget=forms.DateInput(attrs={"type": "date"})
    )


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


@officer_required
def announcement_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    division = _own_division(user)
    pending = service.pending_for(user, division)
    form = GenerateForm(request.POST or None, initial={"disclosure_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            made = service.generate_announcement(actor=user, division=division, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("Draft announcement generated; a second officer approves it.")
            )
            return redirect("portal:staff-announcement", made.pk)
    context: dict[str, Any] = {
        "announcements": Announcement.objects.for_user(user).select_related("division")[:100],
        "pending": pending[:200],
        "pending_count": pending.count(),
        "form": form,
    }
    return render(request, "portal/staff_announcements.html", context)


@officer_required
def announcement_staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    announcement = get_for_user_or_404(Announcement.objects.for_user(user), pk=pk)
    correct = CorrectForm(request.POST or None) if "note" in request.POST else CorrectForm()
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                service.approve_announcement(actor=user, announcement=announcement)
                messages.success(request, _("Announcement approved."))
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
    context = {
        "announcement": announcement,
        "rows": announcement.candidates.all()
        if not announcement.is_public
        else PublishedResult.objects.filter(announcement=announcement).order_by("seq"),
        "correct": correct,
        "can_approve": announcement.status == Announcement.Status.DRAFT
        and announcement.created_by_id != user.pk,
    }
    return render(request, "portal/staff_announcement_detail.html", context)


@officer_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a published announcement: stored and queued; the worker imports it and the
    progress page follows it (a large file never holds the request or the database)."""
    user = _user(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        path = upload_folder() / f"{uuid.uuid4().hex}{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        run = ImportRun.objects.create(
            file_name=upload.name[:255],
            source_label=form.cleaned_data["source"],
            region=user.agency.division_id if user.agency else "",
            actor=user,
            status=ImportStatus.QUEUED,
            upload=str(path),
        )
        transaction.on_commit(lambda: import_uploaded_file.enqueue(run.pk))
        return redirect("portal:import-progress", run.pk)
    runs = ImportRun.objects.filter(actor=user)[:20]
    return render(request, "portal/import_upload.html", {"form": form, "runs": runs})


@officer_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_for_user_or_404(ImportRun.objects.filter(actor_id=_user(request).pk), pk=pk)
    percent = 100 * run.rows_done // run.rows_total if run.rows_total else 0
    context = {
        "run": run,
        "percent": percent,
        "working": run.status in (ImportStatus.QUEUED, ImportStatus.READING, ImportStatus.WRITING),
    }
    return render(request, "portal/import_progress.html", context)


@officer_required
def import_rejects(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_for_user_or_404(ImportRun.objects.filter(actor_id=_user(request).pk), pk=pk)
    response = HttpResponse("\ufeff" + run.rejects_csv, content_type="text/csv; charset=utf-8")
    attach(response, f"rejects-{run.pk}.csv")
    return response
