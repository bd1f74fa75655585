"""The outbox (every event, written in the transaction that caused it), deliveries to
peer installations with their log, received messages, trusted peers and the agencies'
inbox notifications."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from cablewatch.base.models import User


class OutboxEvent(models.Model):
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=64, db_index=True)
    payload = models.JSONField()
    division_code = models.CharField(max_length=6, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} {self.key}"


class Peer(models.Model):
    """Another installation: where to send, what, and which keys it signs with."""

    installation_id = models.CharField(_("installation id"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=128, blank=True)
    url = models.URLField(_("base URL"), blank=True)
    division_prefix = models.CharField(_("division code prefix"), max_length=6, blank=True)
    events = models.JSONField(_("events sent"), default=list)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["installation_id"]

    def __str__(self) -> str:
        return self.name or self.installation_id

    def wants(self, name: str, division: str) -> bool:
        if not (self.active and self.url):
            return False
        if "*" not in self.events and name not in self.events:
            return False
        return division.startswith(self.division_prefix)


class PeerKey(models.Model):
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="keys")
    key_id = models.CharField(max_length=64)
    public_key = models.CharField(max_length=128, help_text="raw Ed25519 key, base64")
    active = models.BooleanField(default=True)
    added = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["peer", "key_id"], name="peer_key_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.peer_id}:{self.key_id}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        PARKED = "parked", _("Parked for a person")

    event = models.ForeignKey(OutboxEvent, on_delete=models.PROTECT, related_name="deliveries")
    peer = models.ForeignKey(Peer, on_delete=models.PROTECT, related_name="deliveries")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True, db_index=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]
        constraints = [
            models.UniqueConstraint(fields=["event", "peer"], name="one_delivery_per_peer"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}->{self.peer_id} {self.status}"


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(default=timezone.now)
    ok = models.BooleanField()
    status_code = models.PositiveIntegerField(null=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.at:%F %T} {'ok' if self.ok else self.status_code}"


class InboundMessage(models.Model):
    sender = models.CharField(max_length=64)
    message_id = models.CharField(max_length=64)
    key_id = models.CharField(max_length=64)
    event = models.CharField(max_length=64)
    division_code = models.CharField(max_length=6, blank=True)
    payload = models.JSONField()
    received = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "message_id"], name="inbound_once"),
        ]

    def __str__(self) -> str:
        return f"{self.sender}:{self.message_id}"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: User) -> NotificationQuerySet:
        if not user.is_authenticated or user.agency_id is None:
            return self.none()
        return self.filter(agency_id=user.agency_id)


class Notification(models.Model):
    """An item in an agency's inbox: what happened, what it must do, by when."""

    agency = models.ForeignKey("base.Agency", on_delete=models.CASCADE, related_name="+")
    event = models.CharField(_("event"), max_length=64)
    source = models.CharField(_("source"), max_length=64)
    message_key = models.CharField(max_length=64)
    title = models.CharField(_("title"), max_length=255)
    action = models.CharField(_("to do"), max_length=255, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    payload = models.JSONField(default=dict)
    created = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    response = models.CharField(_("response"), max_length=255, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "source", "message_key"], name="one_notification_per_agency"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def overdue(self) -> bool:
        return self.done_at is None and bool(self.due and self.due < timezone.localdate())
