from __future__ import annotations

from django.urls import path

from cablewatch.tracing import recall_views, views

app_name = "tracing"

urlpatterns = [
    path("", views.batch_list, name="batch-list"),
    path("batches/<int:pk>/", views.batch_detail, name="batch-detail"),
    path("batches/<int:pk>/flow.svg", views.batch_flow_svg, name="batch-flow"),
    path("batches/<int:pk>/epcis.json", views.batch_epcis, name="batch-epcis"),
    path("installations/<int:pk>/", views.installation_detail, name="installation-detail"),
    path("projects/", views.project_list, name="project-list"),
    path("projects/create/", views.project_create, name="project-create"),
    path("projects/<int:pk>/", views.project_detail, name="project-detail"),
    path("projects/<int:pk>/places/", views.project_place, name="project-place"),
    path("import/", views.import_view, name="import"),
    path("recalls/", recall_views.recall_list, name="recall-list"),
    path("recalls/sources/<int:pk>/open/", recall_views.recall_open, name="recall-open"),
    path("recalls/<int:pk>/", recall_views.recall_detail, name="recall-detail"),
    path("recall-items/<int:pk>/status/", recall_views.item_status, name="item-status"),
    path("notices/", recall_views.notice_list, name="notice-list"),
]
