from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class SpotcheckConfig(AppConfig):
    name = "cablewatch.spotcheck"
    label = "spotcheck"
    verbose_name = _("Spot checks")
    # Entries for the staff navigation: (url name, label, roles; empty roles = all staff).
    nav_items: tuple[tuple[str, StrOrPromise, tuple[str, ...]], ...] = (
        ("spotcheck:plan-list", _("Spot-check plans"), ("supervision_officer",)),
        ("spotcheck:sample-list", _("Samples"), ("supervision_officer", "enforcement_officer")),
        ("spotcheck:dashboard", _("Overdue work"), ("supervision_officer",)),
        ("spotcheck:task-list", _("My sampling tasks"), ("inspector",)),
        ("spotcheck:lab-queue", _("Lab work"), ("lab_analyst", "lab_reviewer")),
        ("spotcheck:my-results", _("Our spot-check results"), ("enterprise_user",)),
    )

    def ready(self) -> None:
        from cablewatch.base.events import subscribe
        from cablewatch.spotcheck.services.reports import on_announcement_published

        subscribe("portal.announcement.published", on_announcement_published)
