from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from cablewatch.api.urls import api

urlpatterns = [
    path("", include("cablewatch.portal.urls")),
    path("staff/", include("cablewatch.base.urls")),
    path("registry/", include("cablewatch.registry.urls")),
    path("spotcheck/", include("cablewatch.spotcheck.urls")),
    path("verify/", include("cablewatch.spotcheck.verify_urls")),
    path("enforcement/", include("cablewatch.enforcement.urls")),
    path("tracing/", include("cablewatch.tracing.urls")),
    path("sharing/", include("cablewatch.sharing.urls")),
    path("standards/", include("cablewatch.verdicts.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
