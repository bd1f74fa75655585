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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
        "site_kind (production|market|project), lab_name, plan_id, plan_name, plan_division, "
        "result_date (ISO date), retest (bool), retest_deadline (ISO date or null: "
        "the last day the enterprise may apply for a re-test; null when none can be)"
    ),
    "spotcheck.retest.requested": (
        "The enterprise applied for a re-test; the result is not final for disclosure "
        "until the re-test's result is. Payload: sample_id, report_number, plan_division"
    ),
    "portal.announcement.published": (
        "An announcement was published: the listed reports' content is public from "
        "published_on. Payload: announcement_id, number, version, division, "
        "published_on (ISO date), report_numbers [report numbers]"
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


# Who listens to what, by dotted path, so that this page shows the whole flow: an app
# registers its handler in its AppConfig.ready, and `subscribe` refuses one not listed.
SUBSCRIBERS: dict[str, tuple[str, ...]] = {
    "spotcheck.result.final": (
        "cablewatch.enforcement.services.on_result_final",  # opens a case for a failure
        "cablewatch.tracing.services.recalls.on_result_final",  # keeps a recall source
        "cablewatch.portal.services.candidates.on_result_final",  # queues for disclosure
    ),
    "spotcheck.sampling.refused": (
        "cablewatch.enforcement.services.on_sampling_refused",  # 拒绝监督抽查: a case
    ),
    "spotcheck.retest.requested": (
        "cablewatch.portal.services.candidates.on_retest_requested",  # holds it back
    ),
    "portal.announcement.published": (
        "cablewatch.spotcheck.services.reports.on_announcement_published",  # reports public
    ),
    "*": ("cablewatch.sharing.routing.on_any_event",),  # outbox, deliveries, inboxes
}


def handler_path(handler: Callable[..., Any]) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


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
    if name != "*" and name not in EVENTS:
        raise ValueError(f"unknown event {name!r}: add it to EVENTS with its payload")
    if handler_path(handler) not in SUBSCRIBERS.get(name, ()):
        raise ValueError(
            f"{handler_path(handler)} is not listed for {name!r}: add it to SUBSCRIBERS"
        )
    _register(name, handler)


def _register(name: str, handler: Handler) -> None:
    listeners = _any_handlers if name == "*" else _handlers[name]
    if handler not in listeners:
        listeners.append(handler)


@contextmanager
def listening(name: str, handler: Handler) -> Iterator[None]:
    """A handler for the time of a `with` block (tests), not listed in SUBSCRIBERS."""
    if name != "*" and name not in EVENTS:
        raise ValueError(f"unknown event {name!r}")
    _register(name, handler)
    try:
        yield
    finally:
        (_any_handlers if name == "*" else _handlers[name]).remove(handler)


def publish(event: Event) -> None:
    """Run every handler of `event` now, inside the caller's transaction."""
    if event.name not in EVENTS:
        raise ValueError(f"unknown event {event.name!r}")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("publish must run inside transaction.atomic")
    for handler in [*_handlers.get(event.name, []), *_any_handlers]:
        handler(event)


def subscribed() -> dict[str, list[str]]:
    """What is registered now (event name -> handler paths), to compare with SUBSCRIBERS."""
    found = {name: [handler_path(h) for h in hs] for name, hs in _handlers.items() if hs}
    if _any_handlers:
        found["*"] = [handler_path(h) for h in _any_handlers]
    return found
