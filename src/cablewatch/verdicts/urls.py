from __future__ import annotations

from django.urls import path

from cablewatch.verdicts import views

app_name = "verdicts"

urlpatterns = [
    path("judge/", views.judge_page, name="judge"),
    path("requirements/", views.requirements_page, name="requirements"),
]
