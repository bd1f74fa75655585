"""Mounted at /verify/ (the address printed in every report's QR code)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from cablewatch.spotcheck import views_public

app_name = "verify"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views_public.verify_upload, name="upload"),
    path("<str:number>", views_public.verify_number, name="number"),
]
