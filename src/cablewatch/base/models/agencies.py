from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cablewatch.base.models.regions import BilingualName


class Agency(BilingualName, models.Model):
    """An organisation whose staff use the platform, bound to one division."""

    class Kind(models.TextChoices):
        REGULATOR = "regulator", _("Market regulator")
        LAB = "lab", _("Test lab")
        CERTIFICATION = "certification", _("Certification body")
        ENFORCEMENT = "enforcement", _("Enforcement department")
        POLICE = "police", _("Public security organ")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=128, unique=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    division = models.ForeignKey(
        "base.Division",
        on_delete=models.PROTECT,
        related_name="agencies",
        verbose_name=_("division"),
    )
    code = models.SlugField(_("short code"), max_length=32, unique=True)
    accreditation = models.CharField(_("accreditation number"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["division_id", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.display_name
