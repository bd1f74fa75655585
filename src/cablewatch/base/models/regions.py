"""Administrative divisions (GB/T 2260) and the region scoping rule built on them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

NATIONAL_CODE = "000000"


class BilingualName:
    """`display_name`: the English name on English pages when there is one."""

    name: str
    name_en: str

    @property
    def display_name(self) -> str:
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Division(BilingualName, models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        COUNTY = "county", _("County")

    code = models.CharField(_("division code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=64)
    name_en = models.CharField(_("English name"), max_length=128, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")

    def __str__(self) -> str:
        return self.display_name

    @property
    def scope_prefix(self) -> str:
        """Codes of this division and every division below it start with this prefix."""
        return scope_prefix(self.code, self.level)

    def contains(self, code: str) -> bool:
        return code.startswith(self.scope_prefix)


def scope_prefix(code: str, level: str) -> str:
    prefixes: dict[str, str] = {
        Division.Level.NATIONAL: "",
        Division.Level.PROVINCE: code[:2],
        Division.Level.CITY: code[:4],
    }
    return prefixes.get(level, code)


def in_scope(field: str, prefix: str) -> Q:
    """A filter for records whose division code field lies under `prefix`.

    Six-digit codes compare as strings in numeric order, so the subtree is one
    index range scan instead of a LIKE that needs a special operator class.
    """
    if not prefix:
        return Q()
    pad = 6 - len(prefix)
    return Q(**{f"{field}__gte": prefix + "0" * pad, f"{field}__lte": prefix + "9" * pad})
