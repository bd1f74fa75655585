from __future__ import annotations

from django.contrib import admin

from cablewatch.registry.models import Enterprise


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Search only (for the user form's enterprise field); changes go through the pages."""

    search_fields = ("name", "credit_code")

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
