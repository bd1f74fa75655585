from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class TracingConfig(AppConfig):
    name = "cablewatch.tracing"
    label = "tracing"
    verbose_name = _("Tracing")
    # Entries for the staff navigation: (url name, label, roles; empty roles = all staff).
    nav_items: tuple[tuple[str, StrOrPromise, tuple[str, ...]], ...] = (
        ("tracing:batch-list", _("Tracing"), ()),
        ("tracing:recall-list", _("Recalls"), ("supervision_officer", "enforcement_officer")),
        ("tracing:project-list", _("Projects"), ("project_owner",)),
        ("tracing:notice-list", _("Recall notices"), ("project_owner", "enterprise_user")),
    )

    def ready(self) -> None:
        from cablewatch.base.events import subscribe
        from cablewatch.tracing.services.recalls import on_result_final

        subscribe("spotcheck.result.final", on_result_final)
