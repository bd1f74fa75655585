"""Domain events: how one app tells the others that something happened.

A service that changes state calls `publish` inside its transaction; handlers
that other apps registered (in their AppConfig.ready) run at once, in the same
transaction, so their writes (a case opened, an outbox row, a result queued for
disclosure) commit or roll back together with the change. Handlers must not do
slow I/O: they record what to do and leave delivery to background tasks.

Event names and payload fields are a contract, listed in EVENTS below; payloads
are plain JSON values so that the sharing outbox can forward them unchanged.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

EVENTS: dict[str, str] = {
    "spotcheck.result.final": (
        "A sample's result became final (after review, or after a re-test). Payload: "
        "sample_id, report_number, verdict (pass|fail), failed_items [item names], "
        "severity (serious|general|null), designation, product_family, brand, "
        "batch_number, production_date, enterprise_id, enterprise_name, credit_code, "
        "enterprise_division, sampled_unit_name, sampled_unit_address, sampled_division, "
        "site_kind (production|market|project), lab_name, plan_id, plan_division, "
        "result_date (ISO date), retest (bool)"
    ),
    "spotcheck.sampling.refused": (
        "The unit drawn for a spot check refused to be sampled. Payload: task_id, plan_id, "
        "plan_name, enterprise_id, enterprise_name, credit_code, enterprise_division, "
        "occurred_on (ISO date), details, inspector_ids"
    ),
    "registry.certificate.status_changed": (
        "Payload: certificate_id, kind, number, holder_id, credit_code, from_status, "
        "to_status, changed_on, reason"
    ),
    "enforcement.case.opened": "Payload: case_id, enterprise_id, credit_code, origin, division",
    "enforcement.case.closed": "Payload: case_id, enterprise_id, outcome, division",
    "enforcement.penalty.decided": "Payload: case_id, enterprise_id, fine, division",
    "enforcement.case.transferred": "Payload: case_id, enterprise_id, police_agency, division",
    "tracing.recall.opened": "Payload: recall_id, report_number, enterprise_id, credit_code, designation, batches [class ids], project_ids, owner_ids, holder_ids [enterprise ids], installed_m, held_m, division",  # noqa: E501
}


@dataclass(frozen=True)
class Event:
    name: str
    payload: dict[str, Any]
    division_code: str = ""
    actor_id: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[Event], None]
_handlers: dict[str, list[Handler]] = defaultdict(list)
_any_handlers: list[Handler] = []


def subscribe(name: str, handler: Handler) -> None:
    """Register `handler` for events called `name` ("*" for every event)."""
    if name == "*":
        if handler not in _any_handlers:
            _any_handlers.append(handler)
        return
    if name not in EVENTS:
        raise ValueError(f"unknown event {name!r}: add it to EVENTS with its payload")
    if handler not in _handlers[name]:
        _handlers[name].append(handler)


def publish(event: Event) -> None:
    """Run every handler of `event` now, inside the caller's transaction."""
    if event.name not in EVENTS:
        raise ValueError(f"unknown event {event.name!r}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("publish must run inside transaction.atomic")
    for handler in [*_handlers.get(event.name, []), *_any_handlers]:
        handler(event)
