"""Trusting a peer's key is checked and audited (`cablewatch sharing add-peer`)."""

from __future__ import annotations

import base64
import io

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management import CommandError, call_command

from cablewatch.base import signing
from cablewatch.base.models import AuditEntry
from cablewatch.sharing.models import PeerKey

pytestmark = pytest.mark.django_db


def a_public_key() -> str:
    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def key_id(public_key: str) -> str:
    try:
        return signing.key_id_of(signing.load_public_b64(public_key))
    except signing.SigningError:
        return "0" * 16


def add_peer(public_key: str) -> None:
    call_command(
        "sharing", "add-peer", "--installation-id", "foshan", "--key-id", key_id(public_key),
        "--public-key", public_key, stdout=io.StringIO(),
    )  # fmt: skip


def test_a_peer_key_is_trusted_with_an_audit_entry() -> None:
    key = a_public_key()
    add_peer(key)
    assert PeerKey.objects.get(peer__installation_id="foshan", key_id=key_id(key)).public_key == key
    entry = AuditEntry.objects.get(action="sharing.peer_key.trusted")
    assert entry.after["public_key"] == key and entry.before is None


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"short").decode()])
def test_a_key_that_is_not_ed25519_is_refused_and_nothing_is_stored(bad: str) -> None:
    with pytest.raises(CommandError) as caught:
        add_peer(bad)
    assert caught.value.returncode == 2 and "--public-key" in str(caught.value)
    assert not PeerKey.objects.exists()
    assert not AuditEntry.objects.filter(action="sharing.peer_key.trusted").exists()
