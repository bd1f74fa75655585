"""The tamper-evident audit trail: an append-only hash chain of every change.

Each entry's hash covers its own content and the previous entry's hash, so
editing, deleting or reordering any row behind the application's back breaks
the chain from that row on. `cablewatch audit verify` walks it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditHead(models.Model):
    """One row: the sequence number and hash of the last entry.

    Writers lock this row, which serialises appends to the chain, and verify
    compares it with the last entry so that cutting off the tail also shows.
    """

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self) -> str:
        return f"audit head #{self.last_seq}"


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_target(self, target_type: str, target_id: str) -> AuditEntryQuerySet:
        return self.filter(target_type=target_type, target_id=str(target_id)).order_by("-seq")


class AuditEntry(models.Model):
    seq = models.BigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(_("when"), editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(_("who"), max_length=150)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    target_repr = models.CharField(_("record"), max_length=255)
    division_code = models.CharField(max_length=6, blank=True)
    before = models.JSONField(_("before"), null=True)
    after = models.JSONField(_("after"), null=True)
    reason = models.TextField(_("reason"), blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["target_type", "target_id", "seq"])]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_repr}"

    def canonical(self) -> str:
        payload: dict[str, Any] = {
            "seq": self.seq,
            "at": self.at.astimezone(UTC).isoformat(timespec="microseconds"),
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "target_repr": self.target_repr,
            "division_code": self.division_code,
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
            "prev_hash": self.prev_hash,
        }
        return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def compute_hash(self) -> str:
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()

    @property
    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys]


class AuditCheckpoint(models.Model):
    """A copy, kept for display, of a signed checkpoint of the chain head.

    The evidence is the signed line in the checkpoint log outside the database
    (settings.AUDIT_CHECKPOINT_DIR); this row only lets pages show which head a
    record (an announcement, say) was published under. Deleting it proves nothing.
    """

    seq = models.BigIntegerField()
    hash = models.CharField(max_length=64)
    at = models.DateTimeField()
    purpose = models.CharField(max_length=32)
    ref = models.CharField(max_length=64, blank=True, db_index=True)
    key_id = models.CharField(max_length=32)
    signature = models.TextField()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")

    def __str__(self) -> str:
        return f"checkpoint #{self.seq} {self.hash[:12]}"
