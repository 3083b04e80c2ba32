"""/api/ on an organisation's host. New resources: register a viewset on `router` (or add a path
to `v1`) and an entry in tests/api/endpoints.py; the schema picks them up by itself."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from portal.api.docs import swagger_ui
from portal.api.v1.api_keys import ApiKeyViewSet
from portal.api.v1.audit_events import AuditEventViewSet
from portal.api.v1.bulk import SystemBulkImportView, SystemBulkSchemaView, SystemExportView
from portal.api.v1.classify import ClassifyView
from portal.api.v1.cop import CopSignatureViewSet
from portal.api.v1.evidence import EvidenceViewSet
from portal.api.v1.filings import FilingViewSet
from portal.api.v1.gpai import GPAIModelVersionViewSet, GPAIModelViewSet
from portal.api.v1.incidents import IncidentViewSet
from portal.api.v1.mandates import MandateViewSet
from portal.api.v1.me import OrganisationMeView
from portal.api.v1.members import MemberViewSet
from portal.api.v1.records import QMSRecordViewSet, RiskRecordViewSet
from portal.api.v1.rights_requests import RightsRequestViewSet
from portal.api.v1.systems import SystemViewSet
from portal.api.v1.verifications import VerificationViewSet
from portal.api.v1.webhooks import WebhookViewSet

router = SimpleRouter()
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("members", MemberViewSet, basename="member")
router.register("api-keys", ApiKeyViewSet, basename="api-key")
router.register("systems", SystemViewSet, basename="system")
router.register("gpai-models", GPAIModelViewSet, basename="gpai-model")
router.register("gpai-model-versions", GPAIModelVersionViewSet, basename="gpai-model-version")
router.register("risk-records", RiskRecordViewSet, basename="risk-record")
router.register("qms-records", QMSRecordViewSet, basename="qms-record")
router.register("evidence", EvidenceViewSet, basename="evidence")
router.register("cop-signatures", CopSignatureViewSet, basename="cop-signature")
router.register("filings", FilingViewSet, basename="filing")
router.register("incidents", IncidentViewSet, basename="incident")
router.register("webhooks", WebhookViewSet, basename="webhook")
router.register("mandates", MandateViewSet, basename="mandate")
router.register("verifications", VerificationViewSet, basename="verification")

router.register("rights-requests", RightsRequestViewSet, basename="rights-request")

v1 = [
    path("classify", ClassifyView.as_view(), name="classify"),
    path("me", OrganisationMeView.as_view(), name="me"),
    path("systems/bulk", SystemBulkImportView.as_view(), name="systems-bulk"),
    path("systems/bulk/schema.json", SystemBulkSchemaView.as_view(), name="systems-bulk-schema"),
    path("systems/export", SystemExportView.as_view(), name="systems-export"),
    *router.urls,
]

urlpatterns = [
    path("v1/", include((v1, "api-v1"))),
    path(
        "schema/",
        SpectacularAPIView.as_view(
            urlconf="portal.urls_tenant",
            custom_settings={
                "TITLE": "AI Act portal: organisation API",
                "DESCRIPTION": (
                    "The API of one organisation, on its own host. Authenticate with an API key "
                    "of this organisation (`Authorization: Bearer …`) or a browser session."
                ),
            },
        ),
        name="api-schema",
    ),
    path("docs/", swagger_ui(url_name="api-schema"), name="api-docs"),
]
