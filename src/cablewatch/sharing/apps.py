"""Sharing: outbox events and signed exchange with other agencies and installations."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class SharingConfig(AppConfig):
    name = "cablewatch.sharing"
    label = "sharing"
    verbose_name = _("Sharing")
    # Entries for the staff navigation: (url name, label, roles; empty roles = all staff).
    nav_items: tuple[tuple[str, StrOrPromise, tuple[str, ...]], ...] = (
        ("sharing:inbox", _("Inbox"), ()),
        ("sharing:delivery-list", _("Deliveries"), ("administrator",)),
    )

    def ready(self) -> None:
        from cablewatch.base.events import subscribe
        from cablewatch.sharing.routing import on_any_event

        subscribe("*", on_any_event)
