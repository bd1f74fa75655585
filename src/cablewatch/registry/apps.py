from __future__ import annotations

from typing import Any

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

    def home_cards(self, user: Any) -> list[dict[str, Any]]:
        """Counts for the signed-in start page (base asks every app; it imports none)."""
        from django.urls import reverse

        from cablewatch.base.models import Capability
        from cablewatch.registry.models import Certificate, Enterprise

        if not user.can(Capability.USE_REGISTRY):
            return []
        certificates = Certificate.objects.for_user(user)
        listing = reverse("registry:certificate-list")
        return [
            {
                "url": reverse("registry:enterprise-list"),
                "count": Enterprise.objects.for_user(user).count(),
                "label": _("Enterprises in your scope"),
            },
            {
                "url": listing,
                "count": certificates.count(),
                "label": _("Licences and certificates"),
            },
            {
                "url": f"{listing}?status=suspended",
                "count": certificates.exclude(status=Certificate.Status.VALID).count(),
                "label": _("Not valid (suspended, revoked, expired)"),
                "warn": True,
            },
        ]
