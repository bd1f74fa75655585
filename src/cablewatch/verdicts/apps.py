from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class VerdictsConfig(AppConfig):
    name = "cablewatch.verdicts"
    label = "verdicts"
    verbose_name = _("Standards and verdicts")
    nav_items: tuple[tuple[str, StrOrPromise, tuple[str, ...]], ...] = (
        ("verdicts:judge", _("Judge a sample"), ("judge",)),  # Capability.JUDGE
    )
