"""The bell, on every host (a person's notifications are theirs wherever they are signed in)."""

from __future__ import annotations

from django.urls import path

from portal.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("count/", views.notification_count, name="count"),
    path("read/", views.notification_read_all, name="read_all"),
    path("settings/", views.notification_settings, name="settings"),
    path("<int:pk>/", views.notification_open, name="open"),
]
