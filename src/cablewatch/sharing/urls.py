from __future__ import annotations

from django.urls import path

from cablewatch.sharing import views

app_name = "sharing"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/respond/", views.respond, name="respond"),
    path("deliveries/", views.delivery_list, name="delivery-list"),
    path("deliveries/<int:pk>/requeue/", views.delivery_requeue, name="delivery-requeue"),
]
