"""Who hears of what. Runs inside the transaction of the change (via the "*" event
subscription), so outbox rows, deliveries and notifications commit with it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base.events import Event
from cablewatch.base.models import Agency
from cablewatch.base.models.regions import within
from cablewatch.enforcement.penalty import deadline
from cablewatch.enforcement.services import nearest_agency
from cablewatch.registry.models import Certificate
from cablewatch.sharing.models import Delivery, Notification, OutboxEvent, Peer
from cablewatch.sharing.tasks import enqueue_delivery

Target = tuple[Agency, str, str, dt.date | None]


def on_any_event(event: Event) -> None:
    """Write the event to the outbox, plan its deliveries and the local notifications."""
    row = OutboxEvent.objects.create(
        name=event.name, payload=event.payload, division_code=event.division_code
    )
    division = _home_division(event.payload) or event.division_code
    peers = [p for p in Peer.objects.filter(active=True) if p.wants(event.name, division)]
    Delivery.objects.bulk_create([Delivery(event=row, peer=p) for p in peers])
    notify_local(
        event.name, event.payload, source="local", key=str(row.key), division=event.division_code
    )
    if peers:
        transaction.on_commit(enqueue_delivery)


def _home_division(payload: dict[str, Any]) -> str:
    return str(payload.get("enterprise_division") or payload.get("division") or "")


def notify_local(
    name: str, payload: dict[str, Any], *, source: str, key: str, division: str = ""
) -> None:
    for agency, title, action, due in targets(name, payload, division):
        Notification.objects.get_or_create(
            agency=agency,
            source=source,
            message_key=key,
            defaults={
                "event": name,
                "title": title[:255],
                "action": action[:255],
                "due": due,
                "payload": payload,
            },
        )


def targets(name: str, payload: dict[str, Any], division: str = "") -> list[Target]:
    if name == "spotcheck.result.final":
        return _result_targets(payload)
    if name == "enforcement.case.transferred":
        police = Agency.objects.filter(code=payload.get("police_agency"), kind="police").first()
        due = deadline("police_decision", timezone.localdate())
        title = _("Case %(case)s transferred to you") % {"case": payload.get("case_id")}
        return [(police, title, _("Decide whether to open a criminal case"), due)] if police else []
    if name == "registry.certificate.status_changed":
        return _nearest("enforcement", division, _certificate_title(payload))
    return []


def _certificate_title(p: dict[str, Any]) -> str:
    return _("Certificate %(number)s: %(old)s → %(new)s") % {
        "number": p.get("number"),
        "old": p.get("from_status"),
        "new": p.get("to_status"),
    }


def _nearest(kind: str, division: str, title: str, action: str = "") -> list[Target]:
    agency = nearest_agency(kind, division) if division else None
    return [(agency, title, action, None)] if agency else []


def _result_targets(p: dict[str, Any]) -> list[Target]:
    if p.get("verdict") != "fail":
        return []
    home = str(p.get("enterprise_division") or "")
    title = _("%(enterprise)s failed spot check %(report)s") % {
        "enterprise": p.get("enterprise_name"),
        "report": p.get("report_number"),
    }
    found = _nearest("enforcement", home, title, _("Investigate: a case is opened"))
    plan = str(p.get("plan_division") or "")
    elsewhere = bool(home and plan and not within(home, plan))
    if elsewhere:
        found += _nearest("regulator", home, title, _("Result obtained in another region"))
    issuers = set(
        Certificate.objects.filter(holder__credit_code=p.get("credit_code") or "-").values_list(
            "issuer", flat=True
        )
    )
    if issuers:
        due = deadline("certification_response", timezone.localdate())
        bodies = Agency.objects.filter(kind="certification", active=True)
        named = [a for a in bodies if a.name in issuers or a.name_en in issuers]
        for body in named or list(bodies):
            found.append((body, title, _("Record whether the certificate is suspended"), due))
    return found
