"""Signed checkpoints of the audit chain head, kept outside the database.

The hash chain shows an edit of one entry, but whoever owns the database can cut the
tail, wipe the table or rewrite the entries and recompute every hash: the chain then
checks out. A checkpoint is the head (sequence number and hash) at a moment, signed
with the installation's Ed25519 key (which lives in files, not in the database) and
appended to a log outside the database. Announcements publish the head they were
made under, so copies of it exist in the hands of the public too.

`verify_against_checkpoints` compares the live chain with every checkpoint:
- an entry with the checkpoint's sequence number but another hash: rewritten;
- fewer entries than a checkpoint counted: cut from the end (or all gone).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cablewatch.base import signing
from cablewatch.base.audit import ChainProblem
from cablewatch.base.models import AuditCheckpoint, AuditEntry, AuditHead

LOG_NAME = "checkpoints.jsonl"
FORMAT = "cablewatch.audit-checkpoint.v1"


@dataclass(frozen=True)
class Checkpoint:
    installation: str
    seq: int
    hash: str
    at: str  # UTC, ISO 8601
    purpose: str  # "manual", "scheduled", "announcement"
    ref: str  # what it was made for, e.g. "announcement:12"
    key_id: str = ""
    signature: str = ""

    def signed_bytes(self) -> bytes:
        body = {
            "format": FORMAT,
            "installation": self.installation,
            "seq": self.seq,
            "hash": self.hash,
            "at": self.at,
            "purpose": self.purpose,
            "ref": self.ref,
            "key_id": self.key_id,
        }
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def log_path() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR) / LOG_NAME


def write_checkpoint(*, purpose: str = "manual", ref: str = "") -> Checkpoint:
    """Sign the chain head as it stands and append it to the log outside the database.

    Reads the head under its row lock so that no entry is being appended meanwhile;
    runs in its own transaction (or the caller's, as for an announcement)."""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
        key_id = signing.current_key_id()
        unsigned = Checkpoint(
            installation=settings.INSTALLATION_ID,
            seq=head.last_seq,
            hash=head.last_hash,
            at=timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
            purpose=purpose,
            ref=ref,
            key_id=key_id,
        )
        _, signature = signing.sign(unsigned.signed_bytes())
        checkpoint = Checkpoint(**{**asdict(unsigned), "signature": signature})
        _append(checkpoint)
        AuditCheckpoint.objects.create(
            seq=checkpoint.seq,
            hash=checkpoint.hash,
            at=dt.datetime.fromisoformat(checkpoint.at),
            purpose=purpose,
            ref=ref,
            key_id=key_id,
            signature=signature,
        )
    return checkpoint


def _append(checkpoint: Checkpoint) -> None:
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(asdict(checkpoint), sort_keys=True, ensure_ascii=False) + "\n"
    # O_APPEND: concurrent writers never interleave within a line this short.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, line.encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def read_checkpoints(path: Path | None = None) -> Iterator[Checkpoint | ChainProblem]:
    """Each checkpoint of the log, or a problem for a line that is unreadable or whose
    signature does not verify (such a line proves nothing and is named, not trusted)."""
    path = path or log_path()
    if not path.exists():
        return
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                checkpoint = Checkpoint(
                    installation=str(data["installation"]),
                    seq=int(data["seq"]),
                    hash=str(data["hash"]),
                    at=str(data["at"]),
                    purpose=str(data["purpose"]),
                    ref=str(data["ref"]),
                    key_id=str(data["key_id"]),
                    signature=str(data["signature"]),
                )
            except (ValueError, KeyError, TypeError):
                yield ChainProblem(0, f"checkpoint log line {number} is unreadable")
                continue
            try:
                signing.verify(checkpoint.signed_bytes(), checkpoint.key_id, checkpoint.signature)
            except signing.SigningError as exc:
                yield ChainProblem(checkpoint.seq, f"checkpoint log line {number}: {exc}")
                continue
            yield checkpoint


def verify_against_checkpoints(path: Path | None = None) -> Iterator[ChainProblem]:
    """Compare the chain in the database with every signed checkpoint."""
    last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    total = AuditEntry.objects.count()
    reported_cut = False
    for item in read_checkpoints(path):
        if isinstance(item, ChainProblem):
            yield item
            continue
        if item.installation != settings.INSTALLATION_ID:
            yield ChainProblem(
                item.seq, f"checkpoint of another installation ({item.installation})"
            )
            continue
        if item.seq == 0:
            continue
        if item.seq > last:
            if not reported_cut:
                reported_cut = True
                if total == 0:
                    yield ChainProblem(
                        item.seq,
                        f"all entries are gone: a checkpoint of {item.at} counted {item.seq}",
                    )
                else:
                    yield ChainProblem(
                        last + 1,
                        f"entries {last + 1}–{item.seq} were cut from the end "
                        f"(checkpoint of {item.at} counted {item.seq})",
                    )
            continue
        found = AuditEntry.objects.filter(seq=item.seq).values_list("hash", flat=True).first()
        if found is None:
            yield ChainProblem(item.seq, f"entry {item.seq} named by a checkpoint is missing")
        elif found != item.hash:
            yield ChainProblem(
                item.seq,
                f"entry {item.seq} differs from the checkpoint of {item.at}: "
                "the chain was rewritten up to here",
            )


def latest_for(ref: str) -> AuditCheckpoint | None:
    return AuditCheckpoint.objects.filter(ref=ref).order_by("-at", "-pk").first()
