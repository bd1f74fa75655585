from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Role

if TYPE_CHECKING:
    from cablewatch.base.models import User


class ProjectQuerySet(models.QuerySet["Project"]):
    def for_user(self, user: User) -> ProjectQuerySet:
        """Staff see their region's projects; a project owner sees its own."""
        if not user.is_authenticated:
            return self.none()
        if not user.is_staff_user:
            if user.has_role(Role.PROJECT_OWNER, Role.ENTERPRISE) and user.enterprise_id:
                return self.filter(owner_id=user.enterprise_id)
            return self.none()
        return self.filter(user.region_filter("division_id"))


class Project(models.Model):
    class Kind(models.TextChoices):
        METRO = "metro", _("Metro")
        HOSPITAL = "hospital", _("Hospital")
        SCHOOL = "school", _("School")
        HOUSING = "housing", _("Housing")
        OFFICE = "office", _("Office building")
        INDUSTRIAL = "industrial", _("Industrial")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("project code"), max_length=120, unique=True)
    owner = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    location = models.CharField(_("location"), max_length=255, blank=True)
    division = models.ForeignKey(
        "base.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("division")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    created = models.DateTimeField(auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["owner"]), models.Index(fields=["division"])]

    def __str__(self) -> str:
        return self.name
