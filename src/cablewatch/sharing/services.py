"""Changes people make on the sharing side: answering an inbox item, trusting a peer."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cablewatch.base import signing
from cablewatch.base.audit import record_change
from cablewatch.base.errors import ConflictError, DomainError
from cablewatch.base.events import EVENTS
from cablewatch.base.models import User
from cablewatch.sharing.models import Notification, Peer, PeerKey


@transaction.atomic
def respond(*, actor: User, notification: Notification, response: str) -> Notification:
    """Record what the agency did (e.g. whether the certificate is suspended)."""
    item = Notification.objects.select_for_update().get(pk=notification.pk)
    if item.done_at is not None:
        raise ConflictError(_("This item is already answered."), field="response")
    if item.action and not response.strip():
        raise DomainError(_("Say what was done."), field="response")
    item.response, item.done_at, item.done_by = response.strip(), timezone.now(), actor
    item.save(update_fields=["response", "done_at", "done_by"])
    record_change(
        actor=actor,
        action="sharing.notification.answered",
        target=item,
        after={"response": item.response},
        division_code=item.agency.division_id,
    )
    return item


@transaction.atomic
def trust_peer_key(
    *,
    actor: User | None,
    installation_id: str,
    key_id: str,
    public_key: str,
    url: str = "",
    division_prefix: str = "",
    events: list[str] | None = None,
) -> Peer:
    """Trust another installation's signing key (and say where to send it what), audited:
    who may speak for whom is a change of who-may-see-what.

    The key must be an Ed25519 public key whose id is the one given: a typo or a
    swapped key would otherwise be trusted silently and every message refused later."""
    if not installation_id.strip() or not key_id.strip():
        raise DomainError(_("Give the installation id and the key id."), field="key_id")
    try:
        public = signing.load_public_b64(public_key)
    except signing.SigningError as exc:
        raise DomainError(
            _("Not an Ed25519 public key (base64 of 32 bytes)."), field="public_key"
        ) from exc
    if signing.key_id_of(public) != key_id:
        raise DomainError(
            _("The key id does not belong to this public key (it is %(id)s).")
            % {"id": signing.key_id_of(public)},
            field="key_id",
        )
    if division_prefix and not (division_prefix.isascii() and division_prefix.isdigit()):
        raise DomainError(_("A division prefix is digits only."), field="division_prefix")
    unknown = [e for e in events or ["*"] if e != "*" and e not in EVENTS]
    if unknown:
        raise DomainError(
            _("Unknown events: %(names)s.") % {"names": ", ".join(unknown)}, field="events"
        )
    peer, created = Peer.objects.update_or_create(
        installation_id=installation_id,
        defaults={"url": url, "division_prefix": division_prefix, "events": events or ["*"]},
    )
    old = PeerKey.objects.filter(peer=peer, key_id=key_id).values("public_key", "active").first()
    PeerKey.objects.update_or_create(
        peer=peer, key_id=key_id, defaults={"public_key": public_key, "active": True}
    )
    record_change(
        actor=actor,
        actor_label="" if actor else "command line",
        action="sharing.peer_key.trusted",
        target=peer,
        before=dict(old) if old else None,
        after={
            "installation_id": installation_id,
            "key_id": key_id,
            "public_key": public_key,
            "url": url,
            "division_prefix": division_prefix,
            "events": peer.events,
            "new_peer": created,
        },
    )
    return peer
