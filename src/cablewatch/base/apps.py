from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    name = "cablewatch.base"
    label = "base"
    verbose_name = _("Platform")
    # (url name, label, roles that see it; empty = every signed-in staff user)
    nav_items = ()
