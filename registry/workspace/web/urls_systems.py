"""Web pages of AI systems, the classification wizard, records and evidence."""

from __future__ import annotations

from django.urls import path

from registry.workspace.web import (
    list_exports,
    views_evidence,
    views_records,
    views_systems,
    views_wizard,
)

app_name = "systems_ui"

urlpatterns = [
    path("systems/", views_systems.system_list, name="system_list"),
    path("systems/export/", list_exports.systems_export, name="system_export"),
    path("systems/new/", views_wizard.wizard, name="wizard"),
    path("systems/new/preview/", views_wizard.wizard_preview, name="wizard_preview"),
    path("systems/<int:system_id>/", views_systems.system_detail, name="system_detail"),
    path("systems/<int:system_id>/edit/", views_systems.system_edit, name="system_edit"),
    path(
        "systems/<int:system_id>/edit/<slug:part>/",
        views_systems.system_edit,
        name="system_edit_part",
    ),
    path("systems/<int:system_id>/classify/", views_wizard.system_classify, name="system_classify"),
    path("systems/<int:system_id>/risks/new/", views_records.risk_create, name="risk_create"),
    path("risks/<int:risk_id>/edit/", views_records.risk_edit, name="risk_edit"),
    path("records/", views_records.risk_list, name="risk_list"),
    path("records/export/", list_exports.risks_export, name="risk_export"),
    path("records/<slug:kind>/bulk/", views_records.records_bulk, name="records_bulk"),
    path("records/qms/", views_records.qms_list, name="qms_list"),
    path("records/qms/export/", list_exports.qms_export, name="qms_export"),
    path("records/qms/new/", views_records.qms_create, name="qms_create"),
    path("records/qms/<int:qms_id>/edit/", views_records.qms_edit, name="qms_edit"),
    path("records/qms/<int:qms_id>/approve/", views_records.qms_approve, name="qms_approve"),
    path("evidence/", views_evidence.evidence_list, name="evidence_list"),
    path("evidence/export/", list_exports.evidence_export, name="evidence_export"),
    path("evidence/upload/", views_evidence.evidence_upload, name="evidence_upload"),
    path("evidence/<int:evidence_id>/", views_evidence.evidence_detail, name="evidence_detail"),
    path(
        "evidence/<int:evidence_id>/delete/",
        views_evidence.evidence_delete,
        name="evidence_delete",
    ),
    path(
        "evidence/<int:evidence_id>/download/",
        views_evidence.evidence_download,
        name="evidence_download",
    ),
]
