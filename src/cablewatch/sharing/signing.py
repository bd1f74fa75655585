"""Ed25519 keys of this installation for exchange messages, and the canonical form that
is signed. Keys live in settings.KEYS_DIR/exchange/<key id>.pem, made on first use;
`current` names the key in use, so a rotation adds a key without losing the old ones."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings


def _dir() -> Path:
    path = Path(settings.KEYS_DIR) / "exchange"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


def new_key() -> str:
    """Make a key, make it current, and return its id (rotation)."""
    key = Ed25519PrivateKey.generate()
    kid = key_id_of(_raw_public(key))
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path = _dir() / f"{kid}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    tmp = _dir() / "current.tmp"
    tmp.write_text(kid, encoding="utf-8")
    tmp.replace(_dir() / "current")
    return kid


def current_key() -> tuple[str, Ed25519PrivateKey]:
    pointer = _dir() / "current"
    if not pointer.exists():
        new_key()
    kid = pointer.read_text(encoding="utf-8").strip()
    return kid, _load(_dir() / f"{kid}.pem")


@lru_cache(maxsize=8)
def _load(path: Path) -> Ed25519PrivateKey:
    """A key file never changes once written (a rotation writes a new one), so cache it."""
    key = serialization.load_pem_private_key(path.read_bytes(), None)
    if not isinstance(key, Ed25519PrivateKey):
        raise TypeError("exchange key is not Ed25519")
    return key


def public_key_b64() -> tuple[str, str]:
    kid, key = current_key()
    return kid, base64.b64encode(_raw_public(key)).decode("ascii")


def canonical(message: dict[str, Any]) -> bytes:
    """The bytes signed: every field but `signature`, sorted keys, no spaces, UTF-8."""
    body = {k: v for k, v in message.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(message: dict[str, Any]) -> dict[str, Any]:
    kid, key = current_key()
    message = {**message, "key_id": kid}
    signature = base64.b64encode(key.sign(canonical(message))).decode("ascii")
    return {**message, "signature": signature}


def verify(message: dict[str, Any], public_b64: str) -> bool:
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64))
        public.verify(base64.b64decode(message["signature"], validate=True), canonical(message))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        return False
    return True
