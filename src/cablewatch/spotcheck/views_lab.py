"""The lab's side: blind codes, designations and the items to test; never the enterprise,
the place or the plan. Analysts enter (form or instrument CSV); reviewers approve or return."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cablewatch.base.access import get_for_user_or_404, role_required
from cablewatch.base.errors import DomainError
from cablewatch.base.models import Role, User
from cablewatch.spotcheck.entry import (
    Entry,
    EntryField,
    entry_fields,
    hand_items,
    hand_rows,
    item_name,
    place_problems,
    read_entry,
    result_word,
    rows,
    values_from_measurements,
)
from cablewatch.spotcheck.instrument import CsvRead, read_csv
from cablewatch.spotcheck.models import ResultVersion, Retest, Sample
from cablewatch.spotcheck.review import review_rows
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
    waiting = (
        Sample.objects.for_lab(user)
        .filter(lab_id=user.agency_id, status=Sample.Status.SAMPLED)
        .values("designation")
        .annotate(n=Count("pk"))
        .order_by("designation")
    )
    statuses = dict(Sample.Status.choices)
    listed = [{**r, "status_word": statuses.get(r["status"], "")} for r in rows[:500]]
    context = {
        "rows": listed,
        "sheets": [w for w in waiting if w["n"] > 1] if user.has_role(Role.LAB_ANALYST) else [],
    }
    return render(request, "spotcheck/lab_queue.html", context)


def work_fields(sample: Sample) -> tuple[list[dict[str, object]], list[EntryField], Retest | None]:
    items = results.items_for(sample)
    retest = Retest.objects.filter(sample=sample, status=Retest.Status.PENDING).first()
    only = set(results.measurement_keys(sample, retest.items)) if retest else None
    fields = entry_fields(items, only)
    if retest:
        items = [i for i in items if i["item"] in retest.items]
    return items, fields, retest


def check_entry(
    sample: Sample,
    fields: list[EntryField],
    values: Mapping[str, str],
    hand: list[dict[str, object]] | None = None,
) -> Entry:
    """What was typed, read and checked by the engine, every problem beside its field."""
    entry = read_entry(fields, values, hand)
    if entry.measurements or entry.manual:
        problems = results.input_problems(sample, entry.measurements, entry.manual)
        place_problems(fields, entry, problems)
    return entry


def _page(
    request: HttpRequest,
    sample: Sample,
    entry: Entry | None = None,
    *,
    status: int = 200,
    extra: dict[str, object] | None = None,
    template: str | None = None,
) -> HttpResponse:
    user = _user(request)
    items, fields, retest = work_fields(sample)
    versions = ResultVersion.objects.filter(sample=sample, lab_id=user.agency_id).select_related(
        "entered_by", "reviewed_by"
    )
    pending = versions.filter(status=ResultVersion.Status.SUBMITTED).first()
    last = versions.order_by("-version").first()
    if entry is None:
        values = values_from_measurements(fields, last.measurements, last.manual) if last else {}
        entry = read_entry(fields, values, hand_items(items))
    verdict = (
        results.live_verdict(sample, entry.measurements, entry.manual)
        if entry.measurements or entry.manual
        else None
    )
    work = results.items_for(sample)
    listed = list(versions)
    for v in listed:
        v.verdict_word = result_word(v.verdict["verdict"]) if v.verdict else ""  # type: ignore[attr-defined]
    context = {
        "review": _review(sample, work, pending, listed) if pending else None,
        "sample": sample,
        "items": [{**i, "name": item_name(str(i["item"]))} for i in items],
        "rows": rows(fields, work, entry, verdict),
        "hand": hand_rows(hand_items(items), entry, verdict),
        "entry": entry,
        "live": verdict,
        "live_word": result_word(verdict["verdict"]) if verdict else "",
        "versions": listed,
        "pending": pending,
        "retest": retest is not None,
        "can_enter": user.has_role(Role.LAB_ANALYST)
        and pending is None
        and results.current_lab_id(sample) == user.agency_id,
        "can_review": pending is not None
        and user.has_role(Role.LAB_REVIEWER)
        and pending.entered_by_id != user.pk,
        "own_entry": pending is not None and pending.entered_by_id == user.pk,
        "reason": request.POST.get("reason", "") if request.method == "POST" else "",
        **(extra or {}),
    }
    return render(request, template or "spotcheck/lab_sample.html", context, status=status)


def _review(
    sample: Sample,
    work: list[dict[str, object]],
    pending: ResultVersion,
    listed: list[ResultVersion],
) -> dict[str, object]:
    """The per-item table a reviewer approves from, against the previous version."""
    verdict = results.judge_version(sample, pending)
    previous = max(
        (v for v in listed if v.version < pending.version), key=lambda v: v.version, default=None
    )
    table = review_rows(
        entry_fields(work),
        work,
        verdict,
        pending.measurements,
        previous.measurements if previous else None,
        manual_now=pending.manual,
        manual_before=previous.manual if previous else None,
    )
    unjudged = [m for p, m in _unjudged(sample, verdict)]
    return {
        "rows": table,
        "verdict": verdict,
        "word": result_word(verdict["verdict"]),
        "previous": previous,
        "unjudged": unjudged,
    }


def _unjudged(sample: Sample, verdict: dict[str, object]) -> list[tuple[str, str]]:
    """The engine's 'requirement not encoded' messages, by item name."""
    problems = set(results.engine_problems(sample, verdict))
    found = []
    for text in verdict.get("errors") or []:  # type: ignore[attr-defined]
        path, _sep, message = str(text).partition(": ")
        if (path, message or path) not in problems:
            found.append((path, f"{item_name(path)}: {message}"))
    return found


@role_required(*LAB_ROLES)
def lab_sample(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    sample: Sample = get_for_user_or_404(
        user, Sample.objects.only(*BLIND_FIELDS), via="for_lab", blind_code=code
    )
    return _page(request, sample)


@role_required(Role.LAB_ANALYST)
def lab_enter(request: HttpRequest, code: str) -> HttpResponse:
    """Check (live or by the button, nothing saved) or submit the typed measurements."""
    user = _user(request)
    sample: Sample = get_for_user_or_404(
        user, Sample.objects.only(*BLIND_FIELDS), via="for_lab", blind_code=code
    )
    if request.method != "POST":
        return redirect("spotcheck:lab-sample", code)
    fields = work_fields(sample)[1]
    upload = request.FILES.get("csv")
    if upload is not None:
        return _csv_preview(request, sample, fields, upload.read())
    hand = hand_items(work_fields(sample)[0])
    entry = check_entry(sample, fields, request.POST, hand)
    if request.POST.get("action") == "check":
        live = request.headers.get("HX-Request") == "true"
        return _page(
            request, sample, entry, template="spotcheck/_lab_entry_oob.html" if live else None
        )
    if entry.blank:
        entry.general.append(_("Nothing was entered: type at least one measurement."))
    if not entry.ok:
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return _page(request, sample, entry, status=422)
    try:
        results.submit_results(
            actor=user,
            sample=sample,
            measurements=entry.measurements,
            reason=request.POST.get("reason", ""),
            manual=entry.manual,
        )
    except DomainError as exc:
        if exc.field == "reason":
            entry.errors["reason"] = exc.message
        else:
            entry.general.append(exc.message)
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return _page(request, sample, entry, status=422)
    messages.success(request, _("Results submitted for review."))
    return redirect("spotcheck:lab-sample", code)


def _csv_preview(
    request: HttpRequest, sample: Sample, fields: list[EntryField], data: bytes
) -> HttpResponse:
    """The file's values in the form, every column accounted for; nothing is saved."""
    try:
        read = read_csv(data, fields)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _page(request, sample, status=422)
    problems = list(read.problems)
    values = read.rows.get(sample.blind_code) or read.rows.get(None) or {}
    others = sorted(c for c in read.rows if c not in (None, sample.blind_code))
    if others:
        problems.append(
            _("Rows of other blind codes are not used here (use the worksheet): %(codes)s")
            % {"codes": ", ".join(others)}
        )
    if not values and not read.rows.get(sample.blind_code):
        problems.append(_("The file has no values for this sample."))
    entry = check_entry(sample, fields, values)
    messages.info(request, _("Preview of the file: nothing is saved until you submit."))
    return _page(request, sample, entry, extra={"csv": read, "csv_problems": problems})


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
            results.approve_results(
                actor=user,
                sample=sample,
                note=note,
                confirm_hand=request.POST.get("confirm_hand") == "yes",
            )
            messages.success(
                request, _("Approved. The verdict was computed by the standards engine.")
            )
        else:
            results.return_results(actor=user, sample=sample, note=note)
            messages.success(request, _("Returned to the analyst."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("spotcheck:lab-sample", code)


# --- the worksheet: several samples of one designation at once ---------------------------

SHEET_LIMIT = 200


def _sheet_samples(user: User, designation: str) -> list[Sample]:
    """The lab's samples of the designation still to be entered (first test, nothing pending)."""
    found = (
        Sample.objects.for_lab(user)
        .only(*BLIND_FIELDS)
        .filter(lab_id=user.agency_id, status=Sample.Status.SAMPLED, designation=designation)
        .order_by("blind_code")
    )
    return list(found[:SHEET_LIMIT])


def cell(code: str, name: str) -> str:
    """A worksheet input's name: the blind code and the entry field."""
    return f"{code}|{name}"


@role_required(Role.LAB_ANALYST)
def lab_worksheet(request: HttpRequest) -> HttpResponse:
    """One row per blind code, one column per measurement; the same checks per cell."""
    user = _user(request)
    designation = (request.GET.get("designation") or request.POST.get("designation") or "").strip()
    samples = _sheet_samples(user, designation) if designation else []
    if not samples:
        messages.error(request, _("No sample of this designation is waiting for entry."))
        return redirect("spotcheck:lab-queue")
    items = results.items_for(samples[0])
    fields = entry_fields(items)
    entries: dict[str, Entry] = {}
    upload = request.FILES.get("csv") if request.method == "POST" else None
    extra: dict[str, object] = {}
    if upload is not None:
        try:
            read = read_csv(upload.read(), fields)
        except DomainError as exc:
            messages.error(request, exc.message)
            query = urlencode({"designation": designation})
            return redirect(f"{reverse('spotcheck:lab-worksheet')}?{query}")
        extra = {"csv": read, "csv_problems": _sheet_csv_problems(read, samples)}
        for sample in samples:
            entries[sample.blind_code] = check_entry(
                sample, fields, read.rows.get(sample.blind_code, {})
            )
        messages.info(request, _("Preview of the file: nothing is saved until you submit."))
    for sample in samples:
        if sample.blind_code in entries:
            continue
        if request.method == "POST":
            typed = {f.name: request.POST.get(cell(sample.blind_code, f.name), "") for f in fields}
            entries[sample.blind_code] = check_entry(sample, fields, typed)
        else:
            last = sample.results.order_by("-version").first()
            values = values_from_measurements(fields, last.measurements) if last else {}
            entries[sample.blind_code] = read_entry(fields, values)
    status = 200
    if request.method == "POST" and upload is None and request.POST.get("action") != "check":
        status = _save_sheet(request, user, samples, entries)
        if status == 302:
            return redirect("spotcheck:lab-queue")
    sheet: list[dict[str, object]] = []
    for sample in samples:
        entry = entries[sample.blind_code]
        verdict = results.live_verdict(sample, entry.measurements) if entry.measurements else None
        n = len(sheet) + 1
        cells = [
            (
                cell(sample.blind_code, row.field.name),
                row,
                f"e-{n}-{row.index}",
                f"v-{n}-{row.index}",
            )
            for row in rows(fields, items, entry, verdict)
        ]
        word = result_word(verdict["verdict"]) if verdict else ""
        sheet.append(
            {
                "sample": sample,
                "entry": entry,
                "cells": cells,
                "verdict": verdict,
                "word": word,
                "rid": f"r-{n}",
            }
        )
    header = rows(fields, items, read_entry(fields, {}), None)
    context = {"designation": designation, "header": header, "sheet": sheet, **extra}
    live = request.headers.get("HX-Request") == "true" and request.POST.get("action") == "check"
    template = "spotcheck/_lab_worksheet_oob.html" if live else "spotcheck/lab_worksheet.html"
    return render(request, template, context, status=status)


def _sheet_csv_problems(read: CsvRead, samples: list[Sample]) -> list[str]:
    problems = list(read.problems)
    codes = {s.blind_code for s in samples}
    if None in read.rows:
        problems.append(_("The file has no blind-code column: the worksheet needs one."))
    unknown = sorted(c for c in read.rows if c is not None and c not in codes)
    if unknown:
        problems.append(
            _("Blind codes not on this worksheet, not used: %(codes)s")
            % {"codes": ", ".join(unknown)}
        )
    return problems


def _save_sheet(
    request: HttpRequest, user: User, samples: list[Sample], entries: dict[str, Entry]
) -> int:
    """All filled rows or none: a refused cell keeps every row as typed."""
    filled = [s for s in samples if not entries[s.blind_code].blank]
    if not filled:
        messages.error(request, _("Nothing was entered: type at least one measurement."))
        return 422
    if any(not entries[s.blind_code].ok for s in filled):
        messages.error(request, _("Nothing was saved: correct the fields marked below."))
        return 422
    try:
        with transaction.atomic():
            for sample in filled:
                results.submit_results(
                    actor=user, sample=sample, measurements=entries[sample.blind_code].measurements
                )
    except DomainError as exc:
        messages.error(request, exc.message)
        return 422
    messages.success(
        request,
        ngettext(
            "Results of %(n)d sample submitted for review.",
            "Results of %(n)d samples submitted for review.",
            len(filled),
        )
        % {"n": len(filled)},
    )
    return 302
