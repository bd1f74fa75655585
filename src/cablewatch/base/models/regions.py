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
        return scope_prefix(self.code)

    def contains(self, code: str) -> bool:
        return within(code, self.code)


def scope_prefix(code: str, level: str | None = None) -> str:
    """The prefix that the codes of `code` and of every division below it share.

    GB/T 2260: a province (the four municipalities Beijing 110000, Tianjin 120000,
    Shanghai 310000 and Chongqing 500000 among them) is XX0000, a city XXYY00, a county
    XXYYZZ; so the code alone decides (`level` is accepted for old callers and agrees).
    Stripping trailing zeros instead would take "5" for Chongqing, which is Sichuan's too.
    """
    del level
    if code == NATIONAL_CODE:
        return ""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def is_division_code(code: str) -> bool:
    """Six ASCII digits, the shape of a GB/T 2260 code."""
    return len(code) == 6 and code.isascii() and code.isdigit()


def within(code: str, region: str) -> bool:
    """Whether division `code` is `region` or lies below it: the one region rule."""
    return is_division_code(code) and code.startswith(scope_prefix(region))


def in_region(field: str, region: str) -> Q:
    """`within` as a filter: records whose division code `field` lies in `region`."""
    return in_scope(field, scope_prefix(region))


def in_scope(field: str, prefix: str) -> Q:
    """A filter for records whose division code field lies under `prefix` (see in_region).

    Six-digit codes compare as strings in numeric order, so the subtree is one
    index range scan instead of a LIKE that needs a special operator class.
    """
    if not prefix:
        return Q()
    pad = 6 - len(prefix)
    return Q(**{f"{field}__gte": prefix + "0" * pad, f"{field}__lte": prefix + "9" * pad})
