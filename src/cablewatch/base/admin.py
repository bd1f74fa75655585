from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from cablewatch.base.models import Agency, AuditEntry, Division, User


@admin.register(User)
class CableWatchUserAdmin(UserAdmin):  # type: ignore[type-arg]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("CableWatch", {"fields": ("display_name", "agency", "enterprise")}),
    )
    list_display = ("username", "display_name", "agency", "enterprise", "is_active")
    list_select_related = ("agency", "enterprise")
    autocomplete_fields = ("enterprise",)


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "name", "name_en", "level")
    search_fields = ("code", "name", "name_en")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "kind", "division", "active")
    list_filter = ("kind",)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the trail is appended to by services, never edited by hand."""

    list_display = ("seq", "at", "actor_label", "action", "target_repr")
    list_filter = ("action",)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
