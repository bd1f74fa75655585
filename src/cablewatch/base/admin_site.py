from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class CableWatchAdminSite(admin.AdminSite):
    site_header = "CableWatch"
    site_title = "CableWatch"

    def has_permission(self, request: HttpRequest) -> bool:
        """Only administrators reach the admin site, whatever their is_staff flag says."""
        from cablewatch.base.models import Role

        user = request.user
        return bool(user.is_active and (user.is_superuser or user.has_role(Role.ADMIN)))


class CableWatchAdminConfig(AdminConfig):
    default_site = "cablewatch.base.admin_site.CableWatchAdminSite"
