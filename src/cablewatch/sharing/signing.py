"""Signing exchange messages with this installation's key (cablewatch.base.signing, shared
with reports: same key files, same rotation) and the canonical form that is signed."""

from __future__ import annotations

import json
from typing import Any

from cablewatch.base import signing


def canonical(message: dict[str, Any]) -> bytes:
    """The bytes signed: every field but `signature`, sorted keys, no spaces, UTF-8."""
    body = {k: v for k, v in message.items() if k != "signature"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign(message: dict[str, Any]) -> dict[str, Any]:
    """The message with `key_id` and `signature`; the key id is itself signed."""
    for _attempt in range(3):
        key_id = signing.current_key_id()
        signed = {**message, "key_id": key_id}
        used, signature = signing.sign(canonical(signed))
        if used == key_id:  # else a rotation happened in between: sign again
            return {**signed, "signature": signature}
    raise signing.SigningError("the signing key kept changing")


def verify(message: dict[str, Any], public_b64: str) -> bool:
    try:
        public = signing.load_public_b64(public_b64)
        signing.verify_with(public, canonical(message), str(message["signature"]))
    except (signing.SigningError, KeyError):
        return False
    return True


def public_key_b64() -> tuple[str, str]:
    key_id = signing.current_key_id()
    return key_id, signing.public_key(key_id).raw_b64


def new_key() -> str:
    return signing.rotate()
