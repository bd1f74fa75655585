"""Recalls (应急预案): from a nonconforming result to every place its batches reached."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from cablewatch.base.audit import record_change
from cablewatch.base.errors import DomainError
from cablewatch.base.events import Event, publish
from cablewatch.base.models import Division, User
from cablewatch.registry.models import Enterprise
from cablewatch.tracing.models import (
    Batch,
    Installation,
    Notification,
    Recall,
    RecallItem,
    RecallSource,
)
from cablewatch.tracing.queries import where_used
from cablewatch.tracing.services.flow import parse_designation

SOURCE_FIELDS = ("report_number", "enterprise_name", "credit_code", "batch_number")


def on_result_final(event: Event) -> None:
    """Keep a final nonconforming result as a possible recall source (handler)."""
    payload = event.payload
    if payload.get("verdict") != "fail" or not payload.get("report_number"):
        return
    canonical, family = parse_designation(str(payload.get("designation") or ""))
    produced = payload.get("production_date")
    enterprise_id = payload.get("enterprise_id")
    RecallSource.objects.update_or_create(
        report_number=str(payload["report_number"])[:80],
        defaults={
            "enterprise": Enterprise.objects.filter(pk=enterprise_id).first()
            if enterprise_id
            else None,
            "enterprise_name": str(payload.get("enterprise_name") or "")[:200],
            "credit_code": str(payload.get("credit_code") or "")[:18],
            "designation": canonical[:120],
            "family": family[:40],
            "batch_number": str(payload.get("batch_number") or "")[:80],
            "production_date": parse_date(str(produced)) if produced else None,
            "division_code": str(payload.get("enterprise_division") or event.division_code)[:6],
            "payload": payload,
        },
    )


def batches_for(source: RecallSource) -> QuerySet[Batch]:
    """The batches a result condemns: its batch number if recorded, else the maker's
    batches of that designation made in the same month."""
    batches = Batch.objects.all()
    if source.enterprise_id:
        batches = batches.filter(enterprise_id=source.enterprise_id)
    elif source.credit_code:
        batches = batches.filter(enterprise__credit_code=source.credit_code)
    else:
        return Batch.objects.none()
    if source.designation:
        batches = batches.filter(designation=source.designation)
    if source.batch_number and batches.filter(batch_number=source.batch_number).exists():
        return batches.filter(batch_number=source.batch_number)
    if source.production_date:
        first = source.production_date.replace(day=1)
        after = (first + dt.timedelta(days=32)).replace(day=1)
        batches = batches.filter(production_date__gte=first, production_date__lt=after)
    return batches


@transaction.atomic
def open_recall(*, actor: User, source: RecallSource) -> Recall:
    batches = list(batches_for(source))
    if not batches:
        raise DomainError(_("No recorded batch matches this result."), code="no_batch")
    division = _division(actor, source)
    recall = Recall.objects.create(source=source, division=division, opened_by=actor)
    recall.batches.set(batches)
    found = where_used([b.pk for b in batches])
    items = [_installation_item(recall, inst) for inst in found.installations]
    items += [
        RecallItem(recall=recall, holding_party=h.party, length_m=h.balance_m)
        for h in found.holdings
    ]
    RecallItem.objects.bulk_create(items)
    owners, holders = _notify(recall, found)
    record_change(
        actor=actor,
        action="tracing.recall.opened",
        target=recall,
        after={"report_number": source.report_number, "places": len(items)},
        division_code=division.code,
    )
    publish(
        Event(
            "tracing.recall.opened",
            _payload(recall, found, owners, holders),
            division_code=division.code,
            actor_id=actor.pk,
        )
    )
    return recall


def _division(actor: User, source: RecallSource) -> Division:
    if actor.agency_id is not None:
        return actor.agency.division  # type: ignore[union-attr]
    code = source.division_code or "000000"
    return Division.objects.filter(code=code).first() or Division.objects.get(code="000000")


def _installation_item(recall: Recall, inst: Installation) -> RecallItem:
    project = inst.location.project
    return RecallItem(
        recall=recall,
        installation=inst,
        project=project,
        length_m=inst.length_m,
        division_code=project.division_id if project else "",
    )


def _notify(recall: Recall, found: Any) -> tuple[set[int], set[int]]:
    report = recall.source.report_number
    owners = {p.owner_id for p in found.projects() if p.owner_id}
    holders = {h.party.enterprise_id for h in found.holdings if h.party.enterprise_id}
    kinds = [(pk, Notification.Kind.REPLACE) for pk in owners]
    kinds += [(pk, Notification.Kind.STOP_SALE) for pk in holders]
    notices = [
        Notification(enterprise_id=pk, recall=recall, kind=kind, report_number=report)
        for pk, kind in kinds
    ]
    Notification.objects.bulk_create(notices)
    return owners, holders


def _payload(recall: Recall, found: Any, owners: set[int], holders: set[int]) -> dict[str, Any]:
    source = recall.source
    return {
        "recall_id": recall.pk,
        "report_number": source.report_number,
        "enterprise_id": source.enterprise_id,
        "credit_code": source.credit_code,
        "designation": source.designation,
        "batches": sorted(recall.batches.values_list("class_id", flat=True)),
        "project_ids": sorted(p.pk for p in found.projects()),
        "owner_ids": sorted(owners),
        "holder_ids": sorted(holders),
        "installed_m": str(found.installed_m),
        "held_m": str(found.held_m),
        "division": recall.division_id,
    }


NEXT = {
    RecallItem.Status.NOTIFIED: {RecallItem.Status.REPLACED, RecallItem.Status.STOPPED},
    RecallItem.Status.REPLACED: {RecallItem.Status.VERIFIED},
}


@transaction.atomic
def set_item_status(*, actor: User, item: RecallItem, status: str, note: str = "") -> RecallItem:
    item = RecallItem.objects.select_for_update().get(pk=item.pk)
    allowed = NEXT.get(RecallItem.Status(item.status), set())
    if item.installation_id is None:
        allowed &= {RecallItem.Status.STOPPED}
    else:
        allowed -= {RecallItem.Status.STOPPED}
    if status not in allowed:
        raise DomainError(
            _("This place cannot move from %(old)s to %(new)s.")
            % {"old": item.get_status_display(), "new": status},
            field="status",
        )
    before = item.status
    item.status = status
    item.save(update_fields=["status", "updated"])
    if item.installation_id and status in Installation.State.values:
        Installation.objects.filter(pk=item.installation_id).update(state=status)
    record_change(
        actor=actor,
        action="tracing.recall.item_changed",
        target=item.recall,
        before={"item": item.pk, "status": before},
        after={"item": item.pk, "status": status},
        reason=note,
        division_code=item.recall.division_id,
    )
    return item
