"""Keyset (cursor) pagination in primary-key order: stable while rows are added."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet

from cablewatch.base.errors import DomainError

M = TypeVar("M", bound=Model)
MAX_LIMIT = 500


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(str(pk).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        pk = int(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, UnicodeDecodeError):
        raise DomainError("not a cursor this API returned", field="cursor") from None
    if not 0 <= pk < 2**63:
        raise DomainError("not a cursor this API returned", field="cursor")
    return pk


def page(
    queryset: QuerySet[M],
    *,
    cursor: str | None,
    limit: int | None,
    render: Callable[[M], Any],
) -> dict[str, Any]:
    """{"items": [...], "next_cursor": str | None} for one page of `queryset`."""
    size = limit or settings.API_PAGE_SIZE
    if not 1 <= size <= MAX_LIMIT:
        raise DomainError(f"must be between 1 and {MAX_LIMIT}", field="limit")
    rows = queryset.order_by("pk")
    if cursor:
        rows = rows.filter(pk__gt=decode_cursor(cursor))
    items = list(rows[: size + 1])
    more = len(items) > size
    items = items[:size]
    return {
        "items": [render(item) for item in items],
        "next_cursor": encode_cursor(items[-1].pk) if more and items else None,
    }
