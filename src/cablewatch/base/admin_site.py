from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse


class CableWatchAdminSite(admin.AdminSite):
    site_header = "CableWatch"
    site_title = "CableWatch"

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """One sign-in page for everyone, so its lock-out and rate limit cannot be bypassed."""
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.GET.get("next") or "/admin/")

    def has_permission(self, request: HttpRequest) -> bool:
        """Only administrators reach the admin site, whatever their is_staff flag says."""
        from cablewatch.base.models import Role

        user = request.user
        return bool(user.is_active and (user.is_superuser or user.has_role(Role.ADMIN)))


class CableWatchAdminConfig(AdminConfig):
    default_site = "cablewatch.base.admin_site.CableWatchAdminSite"
