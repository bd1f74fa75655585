from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models import Capability, Role

if TYPE_CHECKING:
    from cablewatch.base.models import User


class ProductQuerySet(models.QuerySet["Product"]):
    def for_user(self, user: User) -> ProductQuerySet:
        if not user.can(Capability.SEE_ENTERPRISES, Capability.OWN_ENTERPRISE):
            # Labs test blind: nothing in the registry is theirs to see.
            return self.none()
        if user.has_role(Role.ENTERPRISE) and not user.is_staff_user:
            if not user.enterprise_id:
                return self.none()
            return self.filter(enterprise_id=user.enterprise_id)
        return self.filter(user.region_filter("enterprise__division_id"))


class Product(models.Model):
    """A cable product of an enterprise, by its model designation as written."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("enterprise"),
    )
    designation = models.CharField(_("model designation"), max_length=128)
    brand = models.CharField(_("brand"), max_length=64, blank=True)
    family = models.CharField(_("product family"), max_length=32, blank=True, db_index=True)
    parsed = models.JSONField(_("parsed designation"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise_id", "designation"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "designation", "brand"], name="product_unique_per_enterprise"
            )
        ]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.designation
