"""GS1 EPCIS 2.0 JSON-LD in and out.

Each event is checked and applied in its own savepoint: a bad event is refused with
its reason and the rest of the document still imports. Re-importing is idempotent:
an event is known by its eventID (or a hash of its content when it has none).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from cablewatch.base.audit import record_change
from cablewatch.base.errors import DomainError
from cablewatch.base.models import User
from cablewatch.tracing.models import Batch, EpcisImport, Location, Movement, Party
from cablewatch.tracing.services import flow

EVENT_TYPES = {"ObjectEvent", "AggregationEvent", "TransactionEvent"}
STEPS = {"commissioning", "shipping", "receiving", "installing"}
CHUNK = 500
UOM_FACTOR = {"MTR": Decimal(1), "KMT": Decimal(1000)}


@dataclass
class ImportResult:
    events_read: int = 0
    imported: int = 0  # new events: a re-import of the same file counts none
    already: int = 0  # events that were in before
    rejects: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "events_read": self.events_read,
            "imported": self.imported,
            "already_imported": self.already,
            "rejected": len(self.rejects),
            "rejects": self.rejects,
        }


def load_document(text: str) -> list[Any]:
    """The eventList of a document; DomainError when it is not an EPCIS document."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DomainError(_("Not JSON: %(error)s") % {"error": exc}) from exc
    body = document.get("epcisBody") if isinstance(document, dict) else None
    events = body.get("eventList") if isinstance(body, dict) else None
    if not isinstance(events, list):
        raise DomainError(_("Not an EPCIS document: epcisBody.eventList is missing."))
    return events


def import_events(
    events: list[Any], *, actor: User | None = None, document_name: str = ""
) -> ImportResult:
    """Apply each event in its own savepoint, a chunk of events per transaction.

    The import record and its first audit entry commit with the first chunk, and every
    chunk moves the record's counters with it: an import killed half way leaves a record
    (status running) saying how far it got, never movements that no record accounts for.
    Running the same file again imports what is missing and counts only that as new."""
    result = ImportResult(events_read=len(events))
    run: EpcisImport | None = None
    for start in range(0, len(events), CHUNK):
        with transaction.atomic():
            if run is None:
                run = _start(actor, document_name, len(events))
            _import_chunk(events, start, result)
            _progress(run, result, next_index=min(start + CHUNK, len(events)))
    with transaction.atomic():
        if run is None:
            run = _start(actor, document_name, len(events))
        _progress(run, result, next_index=len(events), status=EpcisImport.Status.COMPLETE)
        record_change(
            actor=actor,
            action="tracing.epcis.imported",
            target=run,
            after={
                "events_read": result.events_read,
                "imported": result.imported,
                "already_imported": result.already,
                "rejected": len(result.rejects),
            },
        )
    return result


def _start(actor: User | None, document_name: str, events_read: int) -> EpcisImport:
    run = EpcisImport.objects.create(
        name=document_name[:255], events_read=events_read, status=EpcisImport.Status.RUNNING
    )
    record_change(
        actor=actor,
        action="tracing.epcis.started",
        target=run,
        after={"document": run.name, "events_read": events_read},
    )
    return run


def _progress(
    run: EpcisImport, result: ImportResult, *, next_index: int, status: str | None = None
) -> None:
    fields: dict[str, Any] = {
        "imported": result.imported,
        "already": result.already,
        "rejected": len(result.rejects),
        "rejects": result.rejects[:1000],
        "next_index": next_index,
    }
    if status is not None:
        fields["status"] = status
    EpcisImport.objects.filter(pk=run.pk).update(**fields)
    for name, value in fields.items():
        setattr(run, name, value)


class Lookups:
    """Parties, places and batches already met in this import, to spare a query each.
    Emptied when an event is refused: its savepoint may have undone rows cached here."""

    def __init__(self) -> None:
        self.parties: dict[str, Party] = {}
        self.batches: dict[str, Batch] = {}
        self.locations: dict[str, Location] = {}
        self.known: set[str] | None = None  # event keys already imported, when prefetched

    def party(self, identifier: str) -> Party:
        found = self.parties.get(identifier)
        if found is None:
            found = self.parties[identifier] = flow.party_for(identifier)
        return found

    def batch(self, class_id: str) -> Batch | None:
        found = self.batches.get(class_id)
        if found is None:
            found = Batch.objects.filter(class_id=class_id).first()
            if found is not None:
                self.batches[class_id] = found
        return found

    def location(self, identifier: str) -> Location:
        found = self.locations.get(identifier)
        if found is None:
            found = self.locations[identifier] = flow.location_for(identifier)
        return found

    def clear(self) -> None:
        """Forget rows a rolled-back savepoint may have undone (known keys stay: a refused
        event added none)."""
        self.parties.clear()
        self.batches.clear()
        self.locations.clear()


def _import_chunk(events: list[Any], start: int, result: ImportResult) -> None:
    """One transaction per chunk (a commit per event costs a disk flush each); a
    savepoint per event, so that a refused event leaves the others in."""
    lookups = Lookups()
    chunk = events[start : start + CHUNK]
    lookups.known = _known_keys([event_key(e) for e in chunk if isinstance(e, dict)])
    for index, event in enumerate(chunk, start):
        try:
            with transaction.atomic():
                new = apply_event(event, lookups)
        except DomainError as exc:
            result.rejects.append({"index": index, "reason": str(exc.message)})
            lookups.clear()
        else:
            if new:
                result.imported += 1
            else:
                result.already += 1
            if isinstance(event, dict):
                lookups.known.add(event_key(event))


def _known_keys(keys: list[str]) -> set[str]:
    """Which of these events are in already: two indexed IN queries for a whole chunk."""
    found = set(Movement.objects.filter(event_id__in=keys).values_list("event_id", flat=True))
    found |= set(
        Movement.objects.filter(confirm_event_id__in=keys).values_list(
            "confirm_event_id", flat=True
        )
    )
    return {k for k in found if k}


def _short(value: Any) -> str:
    text = str(value or "").strip()
    for sep in (":", "/", "#"):
        text = text.rsplit(sep, 1)[-1]
    return text


def event_key(event: dict[str, Any]) -> str:
    if event.get("eventID"):
        return str(event["eventID"])[:255]
    canonical = json.dumps(event, sort_keys=True, ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def _already(key: str) -> bool:
    # Two probes of two unique indexes: an OR of both makes SQLite scan the table.
    return (
        Movement.objects.filter(event_id=key).exists()
        or Movement.objects.filter(confirm_event_id=key).exists()
    )


def apply_event(event: Any, lookups: Lookups | None = None) -> bool:
    """Apply one event; False when it was imported before (nothing changes)."""
    lookups = lookups or Lookups()
    if not isinstance(event, dict):
        raise DomainError(_("The event is not a JSON object."))
    if event.get("type") not in EVENT_TYPES:
        raise DomainError(_("Unknown event type %(type)r.") % {"type": event.get("type")})
    step = _short(event.get("bizStep"))
    if step not in STEPS:
        raise DomainError(_("Unknown bizStep %(step)r.") % {"step": event.get("bizStep")})
    key = event_key(event)
    if key in lookups.known if lookups.known is not None else _already(key):
        return False
    epc_class, length = _quantity(event)
    when = _event_time(event)
    if step == "commissioning":
        _commission(event, epc_class, length, when, key)
        return True
    batch = lookups.batch(epc_class)
    if batch is None:
        raise DomainError(
            _("Unknown batch %(id)s (it was never commissioned).") % {"id": epc_class}
        )
    source = lookups.party(_party_id(event, "sourceList", "source", step))
    if step == "installing":
        location = (
            (event.get("bizLocation") or {}).get("id")
            if isinstance(event.get("bizLocation"), dict)
            else None
        )
        if not location:
            raise DomainError(_("An installing event needs a bizLocation id."))
        flow.install(
            batch=batch,
            from_party=source,
            location=lookups.location(str(location)),
            length_m=length,
            moved_at=when,
            event_id=key,
        )
        return True
    destination = lookups.party(_party_id(event, "destinationList", "destination", step))
    if step == "receiving":
        _receive(batch=batch, source=source, dest=destination, length=length, when=when, key=key)
        return True
    _ship(batch=batch, source=source, dest=destination, length=length, when=when, key=key)
    return True


def _quantity(event: dict[str, Any]) -> tuple[str, Decimal]:
    items = event.get("quantityList") or event.get("childQuantityList")
    if not isinstance(items, list) or not items:
        raise DomainError(_("The event has no quantityList."))
    if len(items) != 1 or not isinstance(items[0], dict):
        raise DomainError(_("The quantityList must hold exactly one batch."))
    item = items[0]
    epc_class = str(item.get("epcClass") or "").strip()
    if not epc_class:
        raise DomainError(_("The quantityList entry has no epcClass."))
    uom = str(item.get("uom") or "")
    if uom not in UOM_FACTOR:
        raise DomainError(_("Unit %(uom)r is not metres (use MTR, or KMT).") % {"uom": uom})
    raw = item.get("quantity")
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)):
        raise DomainError(_("The quantity is missing or not a number."))
    try:
        quantity = flow.metres(raw)
        return epc_class[:255], flow.metres(quantity * UOM_FACTOR[uom])
    except DomainError as exc:
        raise DomainError(exc.message) from exc


def _event_time(event: dict[str, Any]) -> dt.datetime:
    raw = event.get("eventTime")
    when = parse_datetime(str(raw)) if raw else None
    if when is None:
        raise DomainError(_("The eventTime is missing or not a date and time."))
    if timezone.is_naive(when):
        when = timezone.make_aware(when, dt.UTC)
    return when


def _party_id(event: dict[str, Any], key: str, attr: str, step: str) -> str:
    for entry in event.get(key) or []:
        if (
            isinstance(entry, dict)
            and _short(entry.get("type")) == "owning_party"
            and entry.get(attr)
        ):
            return str(entry[attr]).strip()[:255]
    raise DomainError(
        _("A %(step)s event needs a %(list)s entry of type owning_party.")
        % {"step": step, "list": key}
    )


def _ilmd(event: dict[str, Any], suffix: str) -> str:
    ilmd = event.get("ilmd")
    if not isinstance(ilmd, dict):
        return ""
    for name, value in ilmd.items():
        if _short(name).lower() == suffix.lower():
            return str(value)
    return ""


def _commission(
    event: dict[str, Any], epc_class: str, length: Decimal, when: dt.datetime, key: str
) -> None:
    maker_id = ""
    for list_key, attr in (("destinationList", "destination"), ("sourceList", "source")):
        for entry in event.get(list_key) or []:
            if isinstance(entry, dict) and _short(entry.get("type")) == "owning_party":
                maker_id = maker_id or str(entry.get(attr) or "")
    if not maker_id and isinstance(event.get("bizLocation"), dict):
        maker_id = str(event["bizLocation"].get("id") or "")
    if not maker_id:
        raise DomainError(_("A commissioning event needs its maker (an owning_party)."))
    produced = _ilmd(event, "productionDate")
    flow.commission(
        class_id=epc_class,
        maker=flow.party_for(maker_id[:255]),
        length_m=length,
        moved_at=when,
        designation=_ilmd(event, "designation")[:120],
        batch_number=_ilmd(event, "lotNumber")[:80],
        production_date=parse_date(produced[:10]) if produced else None,
        event_id=key,
    )


def _partner(
    batch: Batch, source: Party, dest: Party, length: Decimal, *, by_receipt: bool
) -> Movement | None:
    """The unconfirmed shipment this receipt (or receipt this shipment) pairs with.

    Asked by (batch, to_party) only, then sifted here: the other conditions would tempt
    SQLite's planner onto the confirm_event_id index, where nearly every row is NULL."""
    candidates = (
        Movement.objects.filter(batch=batch, to_party=dest)
        .select_for_update()
        .order_by("moved_at", "id")
    )
    for movement in candidates:
        if (
            movement.kind == Movement.Kind.SHIP
            and movement.from_party_id == source.pk
            and movement.length_m == length
            and movement.confirm_event_id is None
            and movement.by_receipt == by_receipt
            and (by_receipt or movement.received_at is None)
        ):
            return movement
    return None


def _receive(
    *,
    batch: Batch,
    source: Party,
    dest: Party,
    length: Decimal,
    when: dt.datetime,
    key: str,
) -> None:
    """Confirm the matching shipment; with none yet, the receipt records the movement."""
    movement = _partner(batch, source, dest, length, by_receipt=False)
    if movement is None:
        flow.ship(
            batch=batch,
            from_party=source,
            to_party=dest,
            length_m=length,
            moved_at=when,
            event_id=key,
            received=True,
        )
        return
    movement.received_at = when
    movement.confirm_event_id = key
    movement.save(update_fields=["received_at", "confirm_event_id"])


def _ship(
    *,
    batch: Batch,
    source: Party,
    dest: Party,
    length: Decimal,
    when: dt.datetime,
    key: str,
) -> None:
    """A shipment; one already recorded by its receipt is only confirmed."""
    movement = _partner(batch, source, dest, length, by_receipt=True)
    if movement is not None:
        movement.confirm_event_id = key
        movement.moved_at = when
        movement.save(update_fields=["confirm_event_id", "moved_at"])
        return
    flow.ship(
        batch=batch, from_party=source, to_party=dest, length_m=length, moved_at=when, event_id=key
    )
