"""Enforcement: cases, penalties, criminal-case transfers."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

STAFF = ("enforcement_officer", "supervision_officer")


class EnforcementConfig(AppConfig):
    name = "cablewatch.enforcement"
    label = "enforcement"
    verbose_name = _("Enforcement")
    # Entries for the staff navigation: (url name, label, roles; empty roles = all staff).
    nav_items: tuple[tuple[str, StrOrPromise, tuple[str, ...]], ...] = (
        ("enforcement:case-list", _("Cases"), STAFF),
        ("enforcement:transfer-list", _("Transfers"), STAFF),
    )

    def ready(self) -> None:
        from cablewatch.base.events import subscribe
        from cablewatch.enforcement.services import on_result_final, on_sampling_refused

        subscribe("spotcheck.result.final", on_result_final)
        subscribe("spotcheck.sampling.refused", on_sampling_refused)
