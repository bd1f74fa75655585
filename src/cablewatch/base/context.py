from __future__ import annotations

from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Staff navigation entries from each app's `nav_items`, filtered by the user's roles."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for config in apps.get_app_configs():
        for url_name, label, roles in getattr(config, "nav_items", ()):
            # Roles or capabilities; none listed means regulator-side staff only.
            if roles:
                allowed = user.has_role(*roles, "administrator") or user.can(*roles)
            else:
                allowed = user.is_staff_user
            if not allowed:
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {"nav_items": items}
