from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models.regions import Division, in_scope, scope_prefix


class Role(models.TextChoices):
    """What a user may do. Stored as Django groups named by the value."""

    SUPERVISION = "supervision_officer", _("Supervision officer")
    INSPECTOR = "inspector", _("Inspector")
    LAB_ANALYST = "lab_analyst", _("Lab analyst")
    LAB_REVIEWER = "lab_reviewer", _("Lab reviewer")
    ENFORCEMENT = "enforcement_officer", _("Enforcement officer")
    CERTIFICATION = "certification_officer", _("Certification officer")
    ENTERPRISE = "enterprise_user", _("Enterprise user")
    PROJECT_OWNER = "project_owner", _("Project owner")
    ADMIN = "administrator", _("Administrator")


class User(AbstractUser):
    agency = models.ForeignKey(
        "base.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("agency"),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("enterprise"),
    )
    display_name = models.CharField(_("display name"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles)) or (self.is_superuser and Role.ADMIN in roles)

    @property
    def is_lab_only(self) -> bool:
        """A lab analyst or reviewer and nothing else: tests blind, sees no registry."""
        lab = {Role.LAB_ANALYST, Role.LAB_REVIEWER}
        return bool(self.roles) and self.roles <= lab and not self.is_superuser

    @property
    def is_staff_user(self) -> bool:
        """Regulator-side staff: anyone with a role other than enterprise or project owner."""
        outside = {Role.ENTERPRISE, Role.PROJECT_OWNER}
        return self.is_superuser or bool(self.roles - outside)

    @cached_property
    def region_prefix(self) -> str | None:
        """Division-code prefix of what this user may see; None means nothing regional."""
        if self.is_superuser or Role.ADMIN in self.roles:
            return ""
        if self.agency_id is None:
            return None
        division: Division = self.agency.division  # type: ignore[union-attr]
        return scope_prefix(division.code, division.level)

    def region_filter(self, field: str) -> models.Q:
        """Q for records (by their division code field) this user may see."""
        prefix = self.region_prefix
        if prefix is None:
            return models.Q(pk__in=[])
        return in_scope(field, prefix)

    def sees_division(self, code: str) -> bool:
        prefix = self.region_prefix
        return prefix is not None and code.startswith(prefix)
