from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "spotcheck"

urlpatterns: list[URLPattern | URLResolver] = []
