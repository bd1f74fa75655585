from __future__ import annotations

from django.urls import path

from cablewatch.enforcement import views

app_name = "enforcement"

urlpatterns = [
    path("cases/", views.case_list, name="case-list"),
    path("cases/create/", views.case_create, name="case-create"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/<slug:action>/", views.case_action, name="case-action"),
    path("transfers/", views.transfer_list, name="transfer-list"),
    path("enterprises/<int:pk>/history/", views.enterprise_history, name="enterprise-history"),
]
