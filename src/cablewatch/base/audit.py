"""Writing to and checking the audit trail. Every service that changes a
regulatory record calls `record_change` inside its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from cablewatch.base.models import AuditEntry, AuditHead, User


def jsonable(value: Any) -> Any:  # noqa: PLR0911 (one return per JSON shape reads best)
    """The JSON form of a field value, stable across SQLite and PostgreSQL."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return str(value)  # Decimal, UUID and the like: their exact text


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Field name -> JSON value for the concrete fields of `instance` (FKs by id)."""
    wanted = set(fields) if fields is not None else None
    data: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if wanted is not None and field.name not in wanted:
            continue
        data[field.name] = jsonable(getattr(instance, field.attname))
    return data


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def target_type(instance: models.Model) -> str:
    return instance._meta.label_lower


def record_change(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    division_code: str = "",
    actor_label: str = "",
) -> AuditEntry:
    """Append one entry to the chain. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_change must run inside transaction.atomic")
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    entry = AuditEntry(
        seq=head.last_seq + 1,
        at=timezone.now(),
        actor=actor,
        actor_label=actor_label or (actor.get_username() if actor else "system"),
        action=action,
        target_type=target_type(target),
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        division_code=division_code,
        before=jsonable(before),
        after=jsonable(after),
        reason=reason,
        prev_hash=head.last_hash,
    )
    entry.hash = entry.compute_hash()
    entry.save(force_insert=True)
    head.last_seq, head.last_hash = entry.seq, entry.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    reason: str


def _entries_in_order(batch_size: int) -> Iterator[AuditEntry]:
    """Keyset batches, not a server-side cursor: a caller may stop early without
    leaving a named cursor open on the connection."""
    after = 0
    while True:
        batch = list(AuditEntry.objects.filter(seq__gt=after).order_by("seq")[:batch_size])
        yield from batch
        if len(batch) < batch_size:
            return
        after = batch[-1].seq


def verify_chain(batch_size: int = 2000) -> Iterator[ChainProblem]:
    """Walk the chain in order and yield each place where it does not hold."""
    prev_hash, expected_seq = None, 1
    last: AuditEntry | None = None
    for entry in _entries_in_order(batch_size):
        if entry.seq != expected_seq:
            yield ChainProblem(expected_seq, f"entry {expected_seq} is missing")
        if prev_hash is not None and entry.prev_hash != prev_hash:
            yield ChainProblem(entry.seq, "previous-hash link does not match the entry before")
        if entry.compute_hash() != entry.hash:
            yield ChainProblem(entry.seq, "content does not match its hash (edited)")
        prev_hash, expected_seq, last = entry.hash, entry.seq + 1, entry
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and (last is None or head.last_seq != last.seq):
        yield ChainProblem(head.last_seq, "entries after the last one present were removed")
    elif head is not None and last is not None and head.last_hash != last.hash:
        yield ChainProblem(last.seq, "last entry does not match the chain head")
