"""Public portal: the public site and open data."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class PortalConfig(AppConfig):
    name = "cablewatch.portal"
    label = "portal"
    verbose_name = _("Public portal")
    # Entries for the staff navigation: (url name, label, roles; empty roles = all staff).
    nav_items: tuple[tuple[str, StrOrPromise, tuple[str, ...]], ...] = (
        ("portal:announcement-list", _("Announcements"), ("supervision_officer",)),
        ("portal:import-upload", _("Import announcements"), ("supervision_officer",)),
    )

    def ready(self) -> None:
        from cablewatch.base.events import subscribe
        from cablewatch.portal.services.candidates import on_result_final, on_retest_requested

        subscribe("spotcheck.result.final", on_result_final)
        subscribe("spotcheck.retest.requested", on_retest_requested)
