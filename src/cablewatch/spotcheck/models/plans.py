"""A spot-check plan and its draw: the published inputs and the tasks they gave."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Role
from cablewatch.base.models.regions import in_scope

if TYPE_CHECKING:
    from cablewatch.base.models import User


class PlanQuerySet(models.QuerySet["Plan"]):
    def for_user(self, user: User) -> PlanQuerySet:
        if not user.is_authenticated or not user.is_staff_user:
            return self.none()
        return self.filter(user.region_filter("division_id"))


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Seed published")
        DRAWN = "drawn", _("Drawn")

    name = models.CharField(_("name"), max_length=200)
    division = models.ForeignKey(
        "base.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("division")
    )
    year = models.PositiveIntegerField(_("year"))
    families = models.JSONField(_("product families"), default=list)
    site_kinds = models.JSONField(_("where to sample"), default=list)
    batches = models.PositiveIntegerField(_("number of batches"))
    labs = models.ManyToManyField("base.Agency", related_name="+", verbose_name=_("labs"))
    sample_by = models.DateField(_("sampling deadline"))
    test_by = models.DateField(_("testing deadline"))
    exclude_home_district = models.BooleanField(
        _("exclude inspectors of the enterprise's own district"), default=False
    )
    seed_source = models.CharField(_("public seed value"), max_length=255, blank=True)
    seed = models.CharField(_("seed"), max_length=64, blank=True)
    published_inputs = models.JSONField(_("published draw inputs"), null=True, blank=True)
    inputs_digest = models.CharField(_("SHA-256 of the inputs"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    created_by = models.ForeignKey(
        "base.User", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("spot-check plan")
        verbose_name_plural = _("spot-check plans")

    def __str__(self) -> str:
        return self.name

    @property
    def site_kind_labels(self) -> list[str]:
        from cablewatch.spotcheck.models.samples import Sample

        labels = dict(Sample.SiteKind.choices)
        return [str(labels.get(k, k)) for k in self.site_kinds or []]


class DrawTaskQuerySet(models.QuerySet["DrawTask"]):
    def for_inspector(self, user: User) -> DrawTaskQuerySet:
        """The tasks this user was drawn for."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(inspectors=user)


class DrawTask(models.Model):
    """One drawn enterprise with its two inspectors and its lab."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="tasks")
    seq = models.PositiveIntegerField(_("number"))
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.PROTECT, related_name="+"
    )
    inspectors = models.ManyToManyField("base.User", related_name="spotcheck_tasks")
    lab = models.ForeignKey("base.Agency", on_delete=models.PROTECT, related_name="+")
    weight = models.FloatField(_("risk weight"))

    objects = DrawTaskQuerySet.as_manager()

    class Meta:
        ordering = ["plan_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "seq"], name="task_seq_unique")]

    def __str__(self) -> str:
        return f"{self.plan_id}-{self.seq}"


class ConflictDeclaration(models.Model):
    """An inspector's declared relation to an enterprise: never drawn for it."""

    inspector = models.ForeignKey("base.User", on_delete=models.CASCADE, related_name="+")
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    relation = models.CharField(_("relation"), max_length=200)
    declared = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspector", "enterprise"], name="conflict_unique")
        ]

    def __str__(self) -> str:
        return f"{self.inspector_id}~{self.enterprise_id}"


def inspector_pool(division_prefix: str) -> models.QuerySet[User]:
    from cablewatch.base.models import User

    return User.objects.filter(
        in_scope("agency__division_id", division_prefix),
        groups__name=Role.INSPECTOR,
        is_active=True,
    ).order_by("pk")
