from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

# Not the labs: they test blind (see cablewatch.base.access.REGISTRY_ROLES).
REGISTRY_NAV_ROLES = (
    "supervision_officer",
    "inspector",
    "enforcement_officer",
    "certification_officer",
)


class RegistryConfig(AppConfig):
    name = "cablewatch.registry"
    label = "registry"
    verbose_name = _("Registry")
    # Entries for the staff navigation: (url name, label, roles; empty roles = all staff).
    nav_items: tuple[tuple[str, StrOrPromise, tuple[str, ...]], ...] = (
        ("registry:enterprise-list", _("Enterprises"), REGISTRY_NAV_ROLES),
        ("registry:certificate-list", _("Licences and certificates"), REGISTRY_NAV_ROLES),
    )
