from __future__ import annotations

from django.urls import path

from cablewatch.registry import views

app_name = "registry"

urlpatterns = [
    path("enterprises/", views.enterprise_list, name="enterprise-list"),
    path("enterprises/create/", views.enterprise_create, name="enterprise-create"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise-detail"),
    path("enterprises/<int:pk>/update/", views.enterprise_update, name="enterprise-update"),
    path(
        "enterprises/<int:pk>/certificates/create/",
        views.certificate_create,
        name="certificate-create",
    ),
    path("enterprises/<int:pk>/products/create/", views.product_create, name="product-create"),
    path("certificates/", views.certificate_list, name="certificate-list"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate-detail"),
]
