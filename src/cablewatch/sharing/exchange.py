"""The exchange format between installations (see EXCHANGE.md): building a signed message
and checking one. Storing and routing what arrives is `receiving`; this module imports
neither it nor routing, so the sender (delivery) and the receiver share it without a cycle."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.utils import timezone

from cablewatch.base.errors import DomainError
from cablewatch.base.events import EVENTS
from cablewatch.sharing import signing
from cablewatch.sharing.models import OutboxEvent, PeerKey

FORMAT = "cablewatch-exchange"
VERSION = 2
# How far a message's signing time may lie from the receiver's clock. A retry is signed
# anew when it is sent, so only a captured message replayed later falls outside.
MAX_AGE = dt.timedelta(minutes=15)
MAX_SKEW = dt.timedelta(minutes=2)
FIELDS: dict[str, type] = {
    "format": str,
    "version": int,
    "id": str,
    "sender": str,
    "recipient": str,
    "sent": str,
    "key_id": str,
    "created": str,
    "event": str,
    "division": str,
    "payload": dict,
    "signature": str,
}


class ExchangeError(DomainError):
    """A refused message; `status` is the HTTP status the receiver answers with."""

    def __init__(self, status: int, message: str, *, code: str, field: str | None = None) -> None:
        super().__init__(message, field=field, code=code)
        self.status = status


def build(event: OutboxEvent, recipient: str) -> dict[str, Any]:
    """The signed message for an outbox event to one peer; its key is the idempotency key.

    The recipient and the signing time are inside the signature, so a message cannot be
    replayed to a third installation that trusts the sender, nor later than MAX_AGE."""
    message = {
        "format": FORMAT,
        "version": VERSION,
        "id": str(event.key),
        "sender": settings.INSTALLATION_ID,
        "recipient": recipient,
        "sent": timezone.now().isoformat(),
        "created": event.created.isoformat(),
        "event": event.name,
        "division": event.division_code,
        "payload": event.payload,
    }
    return signing.sign(message)


def check_schema(message: object) -> dict[str, Any]:
    if not isinstance(message, dict):
        raise ExchangeError(400, "the body must be a JSON object", code="malformed")
    for name, kind in FIELDS.items():
        value = message.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ExchangeError(422, f"missing or not a {kind.__name__}", code="schema", field=name)
    if message["format"] != FORMAT:
        raise ExchangeError(422, f"must be {FORMAT!r}", code="schema", field="format")
    if message["version"] != VERSION:
        raise ExchangeError(
            422,
            f"unsupported version (this side speaks {VERSION})",
            code="version",
            field="version",
        )
    if message["event"] not in EVENTS:
        raise ExchangeError(422, "unknown event", code="schema", field="event")
    try:
        uuid.UUID(message["id"])
        dt.datetime.fromisoformat(message["created"])
        sent = dt.datetime.fromisoformat(message["sent"])
        if sent.tzinfo is None:
            raise ValueError("sent needs an offset")
    except ValueError:
        raise ExchangeError(
            422,
            "id must be a UUID, created and sent ISO date-times with an offset",
            code="schema",
            field="id",
        ) from None
    return message


def check_addressed_to_me(message: dict[str, Any]) -> None:
    """After the signature: the signed recipient and time are the sender's own words."""
    if message["recipient"] != settings.INSTALLATION_ID:
        raise ExchangeError(
            422,
            "the message is addressed to another installation",
            code="wrong-recipient",
            field="recipient",
        )
    sent = dt.datetime.fromisoformat(message["sent"])
    now = timezone.now()
    if sent < now - MAX_AGE or sent > now + MAX_SKEW:
        raise ExchangeError(
            422,
            "the message was signed too long ago (or in the future): a replay is refused",
            code="stale",
            field="sent",
        )


def check_signature(message: dict[str, Any]) -> None:
    keys = PeerKey.objects.filter(
        peer__installation_id=message["sender"],
        peer__active=True,
        key_id=message["key_id"],
        active=True,
    )
    key = keys.first()
    if key is None:
        raise ExchangeError(
            403, "sender or key id is not trusted here", code="untrusted-key", field="key_id"
        )
    if not signing.verify(message, key.public_key):
        raise ExchangeError(
            401, "the signature does not verify", code="bad-signature", field="signature"
        )
