from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Capability, Role

if TYPE_CHECKING:
    from cablewatch.base.models import User


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def for_user(self, user: User) -> CertificateQuerySet:
        if not user.can(Capability.SEE_ENTERPRISES, Capability.OWN_ENTERPRISE):
            # Labs test blind: nothing in the registry is theirs to see.
            return self.none()
        if user.has_role(Role.ENTERPRISE) and not user.is_staff_user:
            return self.filter(holder_id=user.enterprise_id) if user.enterprise_id else self.none()
        return self.filter(user.region_filter("holder__division_id"))


class Certificate(models.Model):
    """A production licence (生产许可证) or a CCC certificate held by an enterprise."""

    class Kind(models.TextChoices):
        PRODUCTION_LICENCE = "licence", _("Production licence")
        CCC = "ccc", _("CCC certificate")

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")
        EXPIRED = "expired", _("Expired")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=64)
    holder = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    product_scope = models.CharField(_("product scope"), max_length=255)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    issuer = models.CharField(_("issuer"), max_length=128)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.VALID
    )
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    status_reason = models.CharField(_("reason for the status"), max_length=255, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number"], name="certificate_number_unique"),
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("issued_on")),
                name="certificate_expires_after_issue",
            ),
        ]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def effective_status(self, today: dt.date | None = None) -> str:
        """A valid certificate past its expiry date is expired, whatever was stored."""
        today = today or timezone.localdate()
        if self.status == self.Status.VALID and self.expires_on < today:
            return self.Status.EXPIRED
        return self.status

    def get_effective_status_display(self) -> str:
        return str(self.Status(self.effective_status()).label)

    @property
    def is_valid(self) -> bool:
        return self.effective_status() == self.Status.VALID


class CertificateStatusChange(models.Model):
    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="status_changes"
    )
    changed_on = models.DateField(_("date of change"))
    from_status = models.CharField(_("from"), max_length=16, choices=Certificate.Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Certificate.Status.choices)
    reason = models.CharField(_("reason"), max_length=255)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True)
    recorded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-recorded"]
        verbose_name = _("certificate status change")
        verbose_name_plural = _("certificate status changes")

    def __str__(self) -> str:
        return f"{self.certificate} {self.from_status}->{self.to_status}"
