"""Announcements: generated from pending candidates, approved by a second officer,
published on their disclosure date, corrected only by a new linked version."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.audit import record_change
from cablewatch.base.checkpoints import write_checkpoint
from cablewatch.base.errors import DomainError
from cablewatch.base.events import Event, publish
from cablewatch.base.models import Division, Role, User
from cablewatch.base.vocabulary import local_date
from cablewatch.portal.items import item_keys
from cablewatch.portal.models import Announcement, DisclosureCandidate, PublishedResult
from cablewatch.registry.models import Enterprise

COPIED = (
    "product_name",
    "enterprise_name",
    "enterprise_address",
    "sampled_unit_name",
    "sampled_unit_location",
    "designation",
    "brand",
    "batch",
    "verdict",
    "failed_items",
    "lab_name",
    "credit_code",
    "product_family",
    "division_code",
    "result_date",
)


def pending_for(user: User, division: Division) -> Any:
    """Pending candidates of `division` (by the plan's division) that `user` may announce."""
    from cablewatch.base.models.regions import in_scope

    return (
        DisclosureCandidate.objects.filter(status=DisclosureCandidate.Status.PENDING)
        .filter(announcement__isnull=True)
        .filter(user.region_filter("plan_division"))
        .filter(in_scope("plan_division", division.scope_prefix))
    )


@dataclass(frozen=True)
class Selection:
    """What the officer chooses to announce: one plan, a region (of the plans), a period
    (result dates, inclusive). Empty fields do not narrow."""

    plan: int | None = None
    region: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def select_candidates(user: User, division: Division, selection: Selection) -> Any:
    """The pending candidates matching `selection`, eligible or not (see `ineligible`)."""
    from cablewatch.base.models.regions import in_scope

    rows = pending_for(user, division)
    if selection.plan is not None:
        rows = rows.filter(plan_ref=selection.plan)
    if selection.region:
        region = Division.objects.filter(code=selection.region).first()
        rows = (
            rows.filter(in_scope("plan_division", region.scope_prefix)) if region else rows.none()
        )
    if selection.date_from is not None:
        rows = rows.filter(result_date__gte=selection.date_from)
    if selection.date_to is not None:
        rows = rows.filter(result_date__lte=selection.date_to)
    return rows.order_by("enterprise_name", "pk")


def ineligible(candidate: DisclosureCandidate, today: dt.date | None = None) -> str:
    """Why a result may not be announced yet ('' when it may): only a final result whose
    re-test window has closed without a pending re-test, or whose re-test is final."""
    today = today or timezone.localdate()
    if candidate.retest_pending:
        return _("A re-test was applied for; its result is not final yet.")
    if candidate.retest:
        return ""
    if candidate.retest_deadline is not None and today <= candidate.retest_deadline:
        return _("The enterprise may apply for a re-test until %(date)s.") % {
            "date": local_date(candidate.retest_deadline)
        }
    return ""


def summarise(candidates: list[DisclosureCandidate]) -> dict[str, Any]:
    failed = [c for c in candidates if c.verdict == "fail"]
    items: Counter[str] = Counter(i for c in failed for i in item_keys(c.failed_items))
    total = len(candidates)
    return {
        "batches": total,
        "enterprises": len({c.enterprise_name for c in candidates}),
        "nonconforming": len(failed),
        "pass_rate": round(100.0 * (total - len(failed)) / total, 1) if total else 0.0,
        "most_failed": items.most_common(5),
    }


def _require_officer(actor: User, division: Division) -> None:
    if not actor.has_role(Role.SUPERVISION, Role.ADMIN) or not actor.sees_division(division.code):
        raise DomainError(_("Only a supervision officer of this region may do this."))


def second_officer_refusal(actor: User, first: User, division: Division) -> str:
    """Four eyes: why `actor` may not check what `first` prepared ('' when they may).
    The second is a different supervision officer of the same agency or of a superior
    one (whose region contains the first's), and sees `division`."""
    if not actor.has_role(Role.SUPERVISION) or not actor.sees_division(division.code):
        return _("Only a supervision officer of this region may do this.")
    if actor.pk == first.pk:
        return _("A second officer must check it: not the one who prepared it.")
    mine, theirs = actor.agency, first.agency
    if mine is None or theirs is None:
        return _("The second officer must belong to the same agency or a superior one.")
    if mine.pk == theirs.pk:
        return ""
    superior = (
        mine.kind == mine.Kind.REGULATOR
        and mine.division_id != theirs.division_id
        and mine.division.contains(theirs.division_id)
    )
    if not superior:
        return _("The second officer must belong to the same agency or a superior one.")
    return ""


def _check_date(disclosure_date: dt.date, today: dt.date) -> None:
    if disclosure_date < today:
        raise DomainError(
            _("The disclosure date cannot lie in the past or before the approval (%(date)s).")
            % {"date": local_date(today)},
            field="disclosure_date",
        )


@transaction.atomic
def generate_announcement(
    *,
    actor: User,
    division: Division,
    title: str,
    number: str,
    disclosure_date: dt.date,
    candidate_ids: list[int],
) -> Announcement:
    """A draft announcement of the results the officer chose (never 'all pending'):
    every one must be eligible (`ineligible`), the date not in the past."""
    _require_officer(actor, division)
    today = timezone.localdate()
    _check_date(disclosure_date, today)
    if not candidate_ids:
        raise DomainError(_("Choose the results to announce."), field="candidates")
    pool = pending_for(actor, division).select_for_update().filter(pk__in=candidate_ids)
    candidates = list(pool.order_by("enterprise_name", "pk"))
    if len(candidates) != len(set(candidate_ids)):
        raise DomainError(
            _("Some chosen results are not pending in this region (announced or out of scope)."),
            field="candidates",
        )
    _check_eligible(candidates, today)
    if Announcement.objects.filter(number=number).exists():
        raise DomainError(_("An announcement with this number exists."), field="number")
    announcement = Announcement.objects.create(
        number=number,
        title=title,
        division=division,
        disclosure_date=disclosure_date,
        summary=summarise(candidates),
        created_by=actor,
    )
    DisclosureCandidate.objects.filter(pk__in=[c.pk for c in candidates]).update(
        announcement=announcement
    )
    _audit(
        actor,
        "portal.announcement.generated",
        announcement,
        {
            "rows": len(candidates),
            "reports": [c.report_number for c in candidates],
            "disclosure_date": disclosure_date,
        },
    )
    return announcement


def _check_eligible(candidates: list[DisclosureCandidate], today: dt.date) -> None:
    refused = [(c, ineligible(c, today)) for c in candidates]
    refused = [(c, why) for c, why in refused if why]
    if refused:
        c, why = refused[0]
        raise DomainError(
            _("%(name)s (%(report)s) cannot be announced yet: %(why)s")
            % {"name": c.enterprise_name, "report": c.report_number or c.sample_id, "why": why},
            field="candidates",
            code="not_eligible",
        )


@transaction.atomic
def reschedule_announcement(
    *, actor: User, announcement: Announcement, disclosure_date: dt.date
) -> Announcement:
    """A draft's disclosure date, changed before approval (never into the past)."""
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    _require_officer(actor, announcement.division)
    if announcement.status != Announcement.Status.DRAFT:
        raise DomainError(_("Only a draft's disclosure date can be changed."))
    _check_date(disclosure_date, timezone.localdate())
    before = announcement.disclosure_date
    announcement.disclosure_date = disclosure_date
    announcement.save(update_fields=["disclosure_date"])
    record_change(
        actor=actor,
        action="portal.announcement.rescheduled",
        target=announcement,
        before={"disclosure_date": before},
        after={"disclosure_date": disclosure_date},
        division_code=announcement.division_id,
    )
    return announcement


@transaction.atomic
def approve_announcement(*, actor: User, announcement: Announcement) -> Announcement:
    """The second officer's approval (four eyes, same or superior agency); the date may not
    lie before it; publishes at once if the date is today."""
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if announcement.status != Announcement.Status.DRAFT:
        raise DomainError(_("Only a draft can be approved."))
    refusal = second_officer_refusal(actor, announcement.created_by, announcement.division)
    if refusal:
        raise DomainError(refusal)
    today = timezone.localdate()
    _check_date(announcement.disclosure_date, today)
    _check_eligible(
        [c for c in _rows_of(announcement) if c.announcement_id == announcement.pk], today
    )
    announcement.status = Announcement.Status.APPROVED
    announcement.approved_by, announcement.approved_at = actor, timezone.now()
    announcement.save(update_fields=["status", "approved_by", "approved_at"])
    _audit(actor, "portal.announcement.approved", announcement, {"status": "approved"})
    if announcement.disclosure_date <= today:
        _publish(announcement)
    return announcement


@transaction.atomic
def publish_due_announcements(*, today: dt.date | None = None) -> list[Announcement]:
    """Publish approved announcements whose disclosure date has come (run daily)."""
    today = today or timezone.localdate()
    due = Announcement.objects.select_for_update().filter(
        status=Announcement.Status.APPROVED, disclosure_date__lte=today
    )
    published = list(due)
    for announcement in published:
        _publish(announcement)
    return published


@transaction.atomic
def correct_announcement(
    *,
    actor: User,
    announcement: Announcement,
    note: str,
    drop_candidate_ids: list[int] = (),  # type: ignore[assignment]
) -> Announcement:
    """A new draft version that will supersede `announcement` once approved and published.

    It carries the old rows minus those dropped; a pending re-test result of the same
    sample replaces the old row. The published version stays as it was until then.
    """
    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    _require_officer(actor, announcement.division)
    if announcement.status != Announcement.Status.PUBLISHED:
        raise DomainError(_("Only a published announcement can be corrected."))
    if not note.strip():
        raise DomainError(_("Say what the correction changes."), field="note")
    if hasattr(announcement, "superseded_by"):
        raise DomainError(_("A correction of this announcement exists already."))
    kept = list(announcement.candidates.exclude(pk__in=list(drop_candidate_ids)))
    newer = {
        c.sample_id: c
        for c in DisclosureCandidate.objects.filter(
            status=DisclosureCandidate.Status.PENDING,
            announcement__isnull=True,
            sample_id__in=[c.sample_id for c in kept],
        )
    }
    rows = [newer.get(c.sample_id, c) for c in kept]
    version = Announcement.objects.create(
        number=announcement.number,
        version=announcement.version + 1,
        title=announcement.title,
        division=announcement.division,
        disclosure_date=max(announcement.disclosure_date, timezone.localdate()),
        summary=summarise(rows),
        correction_note=note.strip(),
        supersedes=announcement,
        created_by=actor,
    )
    for row in rows:
        if row.announcement_id is None:
            row.announcement = version
            row.save(update_fields=["announcement"])
    version.summary["rows"] = [c.pk for c in rows]
    version.save(update_fields=["summary"])
    _audit(
        actor, "portal.announcement.correction_drafted", version, {"note": version.correction_note}
    )
    return version


def _rows_of(announcement: Announcement) -> list[DisclosureCandidate]:
    ids = announcement.summary.get("rows")
    if ids is not None:
        return list(
            DisclosureCandidate.objects.filter(pk__in=ids).order_by("enterprise_name", "pk")
        )
    return list(announcement.candidates.order_by("enterprise_name", "pk"))


def _publish(announcement: Announcement) -> None:
    today = timezone.localdate()
    rows = _rows_of(announcement)
    known = set(
        Enterprise.objects.filter(pk__in={c.enterprise_id_ref for c in rows}).values_list(
            "pk", flat=True
        )
    )
    results = []
    for seq, c in enumerate(rows, start=1):
        result = PublishedResult(
            **{f: getattr(c, f) for f in COPIED},
            source=PublishedResult.Source.PLATFORM,
            source_label=announcement.division.name,
            announcement=announcement,
            seq=seq,
            enterprise_id=c.enterprise_id_ref if c.enterprise_id_ref in known else None,
            year=(c.result_date or announcement.disclosure_date).year,
            published_on=today,
            row_key=_key(announcement, c),
        )
        result.fill_keys()
        results.append(result)
    PublishedResult.objects.bulk_create(results)
    DisclosureCandidate.objects.filter(pk__in=[c.pk for c in rows]).update(
        status=DisclosureCandidate.Status.ANNOUNCED
    )
    old = announcement.supersedes
    if old is not None:
        old.status = Announcement.Status.SUPERSEDED
        old.save(update_fields=["status"])
        PublishedResult.objects.filter(announcement=old).update(superseded=True)
    announcement.status, announcement.published_at = Announcement.Status.PUBLISHED, timezone.now()
    announcement.save(update_fields=["status", "published_at"])
    _audit(None, "portal.announcement.published", announcement, {"rows": len(results)})
    # The public announcement names the audit chain head it was published under: once
    # committed, the head is signed and logged outside the database (base.checkpoints).
    ref = f"announcement:{announcement.pk}"
    transaction.on_commit(lambda: write_checkpoint(purpose="announcement", ref=ref))
    publish(
        Event(
            "portal.announcement.published",
            {
                "announcement_id": announcement.pk,
                "number": announcement.number,
                "version": announcement.version,
                "division": announcement.division_id,
                "published_on": today.isoformat(),
                "report_numbers": [c.report_number for c in rows if c.report_number],
            },
            division_code=announcement.division_id,
        )
    )
    from cablewatch.portal.services.watch import queue_alerts

    queue_alerts([r.pk for r in results])


def _key(announcement: Announcement, c: DisclosureCandidate) -> str:
    raw = f"platform:{announcement.number}:{announcement.version}:{c.sample_id}"
    return hashlib.sha1(raw.encode()).hexdigest()  # noqa: S324 (identity, not security)


def _audit(actor: User | None, action: str, a: Announcement, after: dict[str, Any]) -> None:
    record_change(actor=actor, action=action, target=a, after=after, division_code=a.division_id)
