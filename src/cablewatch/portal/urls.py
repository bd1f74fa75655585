from __future__ import annotations

from django.urls import path

from cablewatch.portal import views, views_data, views_staff

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("enterprises/<int:pk>/", views.enterprise_detail, name="enterprise"),
    path("announcements/", views.announcement_list, name="announcements"),
    path("announcements/<int:pk>/", views.announcement_detail, name="announcement"),
    path(
        "announcements/<int:pk>/file.<str:fmt>",
        views_data.announcement_file,
        name="announcement-file",
    ),
    path(
        "announcements/<int:pk>/data.<str:fmt>",
        views_data.open_data_announcement,
        name="open-data-announcement",
    ),
    path("open-data/", views_data.open_data, name="open-data"),
    path("open-data/results.<str:fmt>", views_data.open_data_all, name="open-data-all"),
    path("watch/", views_data.watch_create, name="watch-create"),
    path("watch/<str:token>/", views_data.watch_detail, name="watch-detail"),
    path("watch/<str:token>/feed.atom", views_data.watch_feed, name="watch-feed"),
    path("disclosure/announcements/", views_staff.announcement_list, name="announcement-list"),
    path(
        "disclosure/announcements/<int:pk>/",
        views_staff.announcement_staff_detail,
        name="staff-announcement",
    ),
    path("disclosure/imports/", views_staff.import_upload, name="import-upload"),
    path("disclosure/imports/<int:pk>/", views_staff.import_check, name="import-check"),
    path(
        "disclosure/imports/<int:pk>/original", views_staff.import_original, name="import-original"
    ),
    path("disclosure/imports/<int:pk>/progress/", views_staff.import_check, name="import-progress"),
    path(
        "disclosure/imports/<int:pk>/rejects.csv", views_staff.import_rejects, name="import-rejects"
    ),
]
