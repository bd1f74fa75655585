from __future__ import annotations

import pytest

from cablewatch.base import signing


@pytest.fixture(autouse=True)
def _keys(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.KEYS_DIR = tmp_path / "keys"


def test_a_signature_verifies_and_a_changed_byte_does_not() -> None:
    key_id, signature = signing.sign(b"report 2026-0001 pass")
    signing.verify(b"report 2026-0001 pass", key_id, signature)
    with pytest.raises(signing.SigningError):
        signing.verify(b"report 2026-0001 fail", key_id, signature)


def test_documents_signed_before_a_rotation_still_verify() -> None:
    old_id, old_sig = signing.sign(b"old")
    new_id = signing.rotate()
    assert new_id != old_id
    assert signing.sign(b"new")[0] == new_id
    signing.verify(b"old", old_id, old_sig)


def test_an_unknown_key_id_is_refused() -> None:
    with pytest.raises(signing.SigningError, match="unknown key"):
        signing.verify(b"x", "0000000000000000", "AAAA")


def test_a_peer_can_verify_with_the_published_public_key() -> None:
    key_id, signature = signing.sign(b"notice")
    published = signing.public_key(key_id).raw_b64
    signing.verify_with(signing.load_public_b64(published), b"notice", signature)
