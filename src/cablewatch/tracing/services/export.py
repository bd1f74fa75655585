"""A batch's history as an EPCIS 2.0 JSON-LD document (what import reads back)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cablewatch.tracing.models import Batch, Movement

CONTEXT = ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"]


def _quantity(batch: Batch, movement: Movement) -> list[dict[str, Any]]:
    return [{"epcClass": batch.class_id, "quantity": float(movement.length_m), "uom": "MTR"}]


def _party(kind: str, identifier: str) -> list[dict[str, str]]:
    return [{"type": "owning_party", kind: identifier}]


def _base(batch: Batch, movement: Movement, step: str, when: dt.datetime) -> dict[str, Any]:
    return {
        "type": "ObjectEvent",
        "eventTime": when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "eventTimeZoneOffset": "+00:00",
        "action": "ADD" if step == "commissioning" else "OBSERVE",
        "bizStep": step,
        "quantityList": _quantity(batch, movement),
    }


def movement_events(batch: Batch, movement: Movement) -> list[dict[str, Any]]:
    if movement.kind == Movement.Kind.COMMISSION:
        event = _base(batch, movement, "commissioning", movement.moved_at)
        event["destinationList"] = _party("destination", batch.maker.identifier)
        event["ilmd"] = {
            "cbvmda:lotNumber": batch.batch_number,
            "cw:designation": batch.designation_raw or batch.designation,
            "cw:productionDate": batch.production_date.isoformat() if batch.production_date else "",
        }
    elif movement.kind == Movement.Kind.INSTALL:
        event = _base(batch, movement, "installing", movement.moved_at)
        event["sourceList"] = _party("source", movement.from_party.identifier)  # type: ignore[union-attr]
        event["bizLocation"] = {"id": movement.location.identifier}  # type: ignore[union-attr]
    else:
        return _transfer_events(batch, movement)
    if movement.event_id:
        event["eventID"] = movement.event_id
    return [event]


def _transfer(batch: Batch, movement: Movement, step: str, key: str | None) -> dict[str, Any]:
    when = movement.received_at if step == "receiving" else movement.moved_at
    event = _base(batch, movement, step, when or movement.moved_at)
    event["sourceList"] = _party("source", movement.from_party.identifier)  # type: ignore[union-attr]
    event["destinationList"] = _party("destination", movement.to_party.identifier)  # type: ignore[union-attr]
    if key:
        event["eventID"] = key
    return event


def _transfer_events(batch: Batch, movement: Movement) -> list[dict[str, Any]]:
    """A shipment and its receipt, in the order they were recorded."""
    steps = ["receiving", "shipping"] if movement.by_receipt else ["shipping", "receiving"]
    events = [_transfer(batch, movement, steps[0], movement.event_id)]
    if movement.confirm_event_id:
        events.append(_transfer(batch, movement, steps[1], movement.confirm_event_id))
    return events


def export_batches(batches: list[Batch]) -> dict[str, Any]:
    events: list[dict[str, Any]] = []
    for batch in batches:
        movements = batch.movements.select_related("from_party", "to_party", "location")
        for movement in movements.order_by("moved_at", "id"):
            events.extend(movement_events(batch, movement))
    return {
        "@context": CONTEXT,
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": timezone.now().astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "epcisBody": {"eventList": events},
    }
