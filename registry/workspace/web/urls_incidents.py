"""Serious-incident pages of an organisation's host (Art 73, Art 55(1)(c))."""

from __future__ import annotations

from django.urls import path

from registry.workspace.web import views_incidents

app_name = "incidents"

urlpatterns = [
    path("incidents/", views_incidents.incident_list, name="incident_list"),
    path("incidents/new/", views_incidents.incident_new, name="incident_new"),
    path("incidents/<int:pk>/", views_incidents.incident_detail_view, name="incident_detail"),
    path("incidents/<int:pk>/edit/", views_incidents.incident_edit, name="incident_edit"),
    path("incidents/<int:pk>/send/", views_incidents.incident_send, name="incident_send"),
    path(
        "incidents/<int:pk>/versions/<int:number>/pdf/",
        views_incidents.incident_pdf,
        name="incident_pdf",
    ),
]
