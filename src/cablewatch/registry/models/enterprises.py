from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Capability, Role
from cablewatch.lib.textnorm import normalise_name

if TYPE_CHECKING:
    from cablewatch.base.models import User


class EnterpriseQuerySet(models.QuerySet["Enterprise"]):
    def for_user(self, user: User) -> EnterpriseQuerySet:
        """What `user` may see in the staff registry: its region, or its own enterprise."""
        if not user.can(Capability.SEE_ENTERPRISES, Capability.OWN_ENTERPRISE):
            # Labs test blind: nothing in the registry is theirs to see.
            return self.none()
        if user.has_role(Role.ENTERPRISE) and not user.is_staff_user:
            return self.filter(pk=user.enterprise_id) if user.enterprise_id else self.none()
        return self.filter(user.region_filter("division_id"))

    def search(self, text: str) -> EnterpriseQuerySet:
        """Match a part of the current or any former name, or the start of the credit code."""
        key = normalise_name(text)
        if not key:
            return self
        by_name = Q(name_key__contains=key)
        former = enterprises_formerly_named(key)
        if former:
            by_name |= Q(pk__in=former)
        code = "".join(text.split()).upper()
        if code.isalnum():
            by_name |= Q(credit_code__startswith=code)
        return self.filter(by_name)


class Enterprise(models.Model):
    class Kind(models.TextChoices):
        MANUFACTURER = "manufacturer", _("Manufacturer")
        DISTRIBUTOR = "distributor", _("Distributor")
        INSTALLER = "installer", _("Installer")
        PROJECT_OWNER = "project_owner", _("Project owner")

    class Status(models.TextChoices):
        ACTIVE = "active", _("In business")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Business licence revoked")
        DEREGISTERED = "deregistered", _("Deregistered")

    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, null=True, blank=True
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    division = models.ForeignKey(
        "base.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("division")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    legal_representative = models.CharField(_("legal representative"), max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_key = normalise_name(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:  # type: ignore[operator]
            kwargs["update_fields"] = {*update_fields, "name_key"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class EnterpriseName(models.Model):
    """A former name, kept so that old announcements and buyers still find the maker."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.CASCADE, related_name="former_names"
    )
    name = models.CharField(_("former name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    used_until = models.DateField(_("used until"), null=True, blank=True)
    recorded = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-used_until", "-recorded"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_key = normalise_name(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def enterprises_formerly_named(key: str, limit: int = 1000) -> list[int]:
    """Ids of enterprises with a former name containing the normalised `key`.

    Resolved to a list first on purpose: `name LIKE … OR id IN (subquery)` makes
    PostgreSQL scan the whole table, while `… OR id = ANY(list)` combines two index
    scans (measured on 200,000 published results: 58 ms → 3 ms).
    """
    rows = EnterpriseName.objects.filter(name_key__contains=key)
    return list(rows.values_list("enterprise_id", flat=True).distinct()[:limit])
