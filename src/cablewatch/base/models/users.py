from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models.regions import NATIONAL_CODE, Division, in_region, within


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


class Capability(models.TextChoices):
    """What a role lets its holder do; pages and services ask for these, not for roles."""

    SEE_ENTERPRISES = "see_enterprises", _("See enterprises of the region")
    USE_REGISTRY = "use_registry", _("Work with the registry")
    TRACE = "trace", _("Trace batches")
    PLAN = "plan", _("Plan spot checks")
    SAMPLE = "sample", _("Take samples")
    TEST = "test", _("Enter lab results")
    REVIEW = "review", _("Review lab results")
    JUDGE = "judge", _("Judge samples by hand")
    ENFORCE = "enforce", _("Enforce")
    CERTIFY = "certify", _("Decide on certificates")
    EXCHANGE = "exchange", _("Work the agency inbox")
    OWN_ENTERPRISE = "own_enterprise", _("See one's own enterprise")
    OWN_PROJECTS = "own_projects", _("See one's own projects")
    ADMINISTER = "administer", _("Administer the platform")


_C = Capability
# Regulator-side staff: each sees the enterprises of its region. The labs do not: they test
# blind and must never learn whose sample they hold (DESIGN, "Users and what each may see").
_STAFF = frozenset({_C.SEE_ENTERPRISES, _C.USE_REGISTRY, _C.TRACE, _C.JUDGE, _C.EXCHANGE})
ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.SUPERVISION: _STAFF | {_C.PLAN},
    Role.INSPECTOR: _STAFF | {_C.SAMPLE},
    Role.LAB_ANALYST: frozenset({_C.TEST, _C.JUDGE}),
    Role.LAB_REVIEWER: frozenset({_C.REVIEW, _C.JUDGE}),
    Role.ENFORCEMENT: _STAFF | {_C.ENFORCE},
    Role.CERTIFICATION: _STAFF | {_C.CERTIFY},
    Role.ENTERPRISE: frozenset({_C.OWN_ENTERPRISE}),
    Role.PROJECT_OWNER: frozenset({_C.OWN_PROJECTS}),
    Role.ADMIN: frozenset(Capability.values),
}


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

    @cached_property
    def capabilities(self) -> frozenset[str]:
        """The union of what this user's roles allow (everything for a superuser)."""
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        if self.is_superuser:
            return ROLE_CAPABILITIES[Role.ADMIN]
        found: set[str] = set()
        for role in self.roles:
            found |= ROLE_CAPABILITIES.get(role, frozenset())
        return frozenset(found)

    def can(self, *capabilities: str) -> bool:
        """Whether any of `capabilities` is among this user's."""
        return bool(self.capabilities.intersection(capabilities))

    @property
    def is_staff_user(self) -> bool:
        """Regulator-side staff who see enterprise data: not labs, enterprises, project owners."""
        return self.can(Capability.SEE_ENTERPRISES)

    @cached_property
    def region_code(self) -> str | None:
        """The division whose records this user may see; None means nothing regional."""
        if self.is_superuser or Role.ADMIN in self.roles:
            return NATIONAL_CODE
        if self.agency_id is None:
            return None
        division: Division = self.agency.division  # type: ignore[union-attr]
        return division.code

    @property
    def region_prefix(self) -> str | None:
        """Division-code prefix of what this user may see (for display and the API)."""
        return None if self.region_code is None else Division(code=self.region_code).scope_prefix

    def region_filter(self, field: str) -> models.Q:
        """Q for records (by their division code field) this user may see."""
        if self.region_code is None:
            return models.Q(pk__in=[])
        return in_region(field, self.region_code)

    def sees_division(self, code: str) -> bool:
        return self.region_code is not None and within(code, self.region_code)
