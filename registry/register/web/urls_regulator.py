"""The regulator console, on the public host under /regulator/."""

from __future__ import annotations

from django.urls import path

from registry.register.web import (
    views_comments,
    views_dashboard,
    views_incidents,
    views_regulator,
    views_rights_statistics,
)

app_name = "regulator"

urlpatterns = [
    path("", views_regulator.queue, name="queue"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("rights-requests/", views_rights_statistics.statistics, name="rights_requests"),
    path("filings/<uuid:filing_id>/", views_regulator.filing_detail, name="filing"),
    path("filings/<uuid:filing_id>/comment/", views_regulator.comment, name="comment"),
    path(
        "filings/<uuid:filing_id>/comments/<int:comment_id>/<slug:step>/",
        views_comments.comment_step,
        name="comment_step",
    ),
    path("filings/<uuid:filing_id>/<slug:action>/", views_regulator.decide, name="decide"),
    path(
        "filings/<uuid:filing_id>/v/<int:number>/", views_regulator.version_detail, name="version"
    ),
    path("filings/<uuid:filing_id>/v/<int:number>/pdf/", views_regulator.version_pdf, name="pdf"),
    path(
        "filings/<uuid:filing_id>/evidence/<str:sha256>/",
        views_regulator.evidence_download,
        name="evidence",
    ),
    # Serious-incident reports addressed to the reviewer's authority (Art 73, Art 55(1)(c)).
    path("incidents/", views_incidents.inbox, name="incidents"),
    path("incidents/<uuid:report_id>/", views_incidents.incident_detail, name="incident"),
    path(
        "incidents/<uuid:report_id>/v/<int:number>/",
        views_incidents.version_detail,
        name="incident_version",
    ),
    path(
        "incidents/<uuid:report_id>/v/<int:number>/pdf/",
        views_incidents.version_pdf,
        name="incident_pdf",
    ),
    path(
        "incidents/<uuid:report_id>/<slug:action>/",
        views_incidents.act,
        name="incident_act",
    ),
]
