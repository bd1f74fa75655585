from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class RegistryConfig(AppConfig):
    name = "cablewatch.registry"
    label = "registry"
    verbose_name = _("Registry")
    # Entries for the staff navigation: (url name, label, roles; empty roles = all staff).
    nav_items: tuple[tuple[str, StrOrPromise, tuple[str, ...]], ...] = (
        ("registry:enterprise-list", _("Enterprises"), ()),
        ("registry:certificate-list", _("Licences and certificates"), ()),
    )
