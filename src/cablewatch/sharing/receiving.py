"""The receiving side of the exchange: a checked message is stored once and the local
agencies' inboxes are filled, in one transaction."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from cablewatch.sharing.exchange import check_addressed_to_me, check_schema, check_signature
from cablewatch.sharing.models import InboundMessage
from cablewatch.sharing.routing import notify_local


def receive(message: object) -> tuple[InboundMessage, bool]:
    """Verify and store a message once; returns (message, stored now)."""
    checked = check_schema(message)
    check_signature(checked)
    check_addressed_to_me(checked)
    found = InboundMessage.objects.filter(
        sender=checked["sender"], message_id=checked["id"]
    ).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            inbound = InboundMessage.objects.create(
                sender=checked["sender"],
                message_id=checked["id"],
                key_id=checked["key_id"],
                event=checked["event"],
                division_code=checked["division"],
                payload=checked["payload"],
            )
            notify_local(
                checked["event"],
                checked["payload"],
                source=checked["sender"],
                key=checked["id"],
                division=checked["division"],
            )
    except IntegrityError:
        # A concurrent retry of the same message won the race: it is stored once.
        return InboundMessage.objects.get(sender=checked["sender"], message_id=checked["id"]), False
    return inbound, True
