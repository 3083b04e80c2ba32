"""GPAI model pages of an organisation's host (Chapter V) and the Model Documentation Form."""

from __future__ import annotations

from django.urls import path

from registry.workspace.web import list_exports, views_gpai

app_name = "gpai"

urlpatterns = [
    path("models/", views_gpai.model_list, name="model_list"),
    path("models/export/", list_exports.models_export, name="model_export"),
    path("models/new/", views_gpai.model_new, name="model_new"),
    path("models/<int:pk>/", views_gpai.model_detail, name="model_detail"),
    path("models/<int:pk>/edit/", views_gpai.model_edit, name="model_edit"),
    path("models/<int:pk>/versions/new/", views_gpai.version_new, name="model_version_new"),
    path(
        "models/<int:pk>/versions/<int:version_pk>/edit/",
        views_gpai.version_edit,
        name="model_version_edit",
    ),
    path(
        "models/<int:pk>/versions/<int:version_pk>/documentation/",
        views_gpai.version_documentation,
        name="model_version_documentation",
    ),
    path(
        "models/<int:pk>/versions/<int:version_pk>/export/<str:audience>/",
        views_gpai.version_export,
        name="model_version_export",
    ),
]
