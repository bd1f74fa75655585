"""Ed25519 signing keys of this installation, with rotation.

Keys live in settings.KEYS_DIR as `<key id>.pem` (private, mode 600); `current`
names the key that signs. Rotating makes a new key current and keeps the old
ones, so everything signed before still verifies. The key id is the first 16 hex
digits of the SHA-256 of the raw public key, so anyone holding the public key
can check which key signed a document.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings

CURRENT = "current"


class SigningError(Exception):
    """A signature could not be made or checked; the message says why."""


@dataclass(frozen=True)
class PublicKey:
    key_id: str
    key: Ed25519PublicKey

    @property
    def raw_b64(self) -> str:
        raw = self.key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return base64.b64encode(raw).decode()


def key_id_of(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def keys_dir() -> Path:
    path = Path(settings.KEYS_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def rotate() -> str:
    """Make a new signing key current; return its id. Old keys stay for verifying."""
    private = Ed25519PrivateKey.generate()
    key_id = key_id_of(private.public_key())
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = keys_dir() / f"{key_id}.pem"
    path.write_bytes(pem)
    path.chmod(0o600)
    (keys_dir() / CURRENT).write_text(key_id, encoding="utf-8")
    return key_id


def current_key_id() -> str:
    marker = keys_dir() / CURRENT
    if not marker.exists():
        return rotate()
    return marker.read_text(encoding="utf-8").strip()


def _private(key_id: str) -> Ed25519PrivateKey:
    path = keys_dir() / f"{key_id}.pem"
    if not path.exists():
        raise SigningError(f"no signing key {key_id}")
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"key {key_id} is not an Ed25519 key")
    return key


def sign(data: bytes) -> tuple[str, str]:
    """(key id, base64 signature) of `data` with the current key."""
    key_id = current_key_id()
    return key_id, base64.b64encode(_private(key_id).sign(data)).decode()


def public_keys() -> list[PublicKey]:
    """Every key this installation ever signed with (for publication and verifying)."""
    return [
        PublicKey(path.stem, _private(path.stem).public_key())
        for path in sorted(keys_dir().glob("*.pem"))
    ]


def public_key(key_id: str) -> PublicKey:
    for key in public_keys():
        if key.key_id == key_id:
            return key
    raise SigningError(f"unknown key id {key_id}")


def verify(data: bytes, key_id: str, signature_b64: str) -> None:
    """Raise SigningError unless `signature_b64` is this installation's signature of `data`."""
    verify_with(public_key(key_id).key, data, signature_b64)


def verify_with(public: Ed25519PublicKey, data: bytes, signature_b64: str) -> None:
    try:
        signature = base64.b64decode(signature_b64.encode(), validate=True)
        public.verify(signature, data)
    except (InvalidSignature, ValueError) as exc:
        raise SigningError("signature does not match the content") from exc


def load_public_b64(raw_b64: str) -> Ed25519PublicKey:
    """A peer's public key from its base64 raw form (as published by `PublicKey.raw_b64`)."""
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(raw_b64, validate=True))
    except ValueError as exc:
        raise SigningError("not an Ed25519 public key") from exc
