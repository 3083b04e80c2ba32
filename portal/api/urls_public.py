"""/api/ on the public host: the regulator API and the public register API. New resources:
regulator endpoints build on RegulatorAPIView / RegulatorViewSet, public register endpoints on
PublicAPIView / PublicViewSet; register them here and in tests/api/endpoints.py."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from portal.api.docs import swagger_ui
from portal.api.v1.bulk import PublicBulkSchemaView
from portal.api.v1.me import RegulatorMeView
from portal.api.v1.register import PublicRegisterViewSet, SignatoryViewSet
from portal.api.v1.register_verify import RegisterVerifyView
from portal.api.v1.regulator import RegulatorFilingViewSet
from portal.api.v1.regulator_incidents import RegulatorIncidentViewSet
from portal.api.v1.regulator_rights import RightsRequestStatisticsView

router = SimpleRouter()
router.register("regulator/filings", RegulatorFilingViewSet, basename="regulator-filing")
router.register("regulator/incidents", RegulatorIncidentViewSet, basename="regulator-incident")
router.register("register/filings", PublicRegisterViewSet, basename="register-filing")
router.register("register/signatories", SignatoryViewSet, basename="register-signatory")

v1 = [
    path("me", RegulatorMeView.as_view(), name="me"),
    path("schemas/systems-bulk.json", PublicBulkSchemaView.as_view(), name="schemas-systems-bulk"),
    path("register/verify", RegisterVerifyView.as_view(), name="register-verify"),
    path(
        "regulator/rights-request-statistics",
        RightsRequestStatisticsView.as_view(),
        name="regulator-rights-request-statistics",
    ),
    *router.urls,
]

urlpatterns = [
    path("v1/", include((v1, "api-v1"))),
    path(
        "schema/",
        SpectacularAPIView.as_view(
            urlconf="portal.urls_public",
            custom_settings={
                "TITLE": "AI Act portal: regulator and public register API",
                "DESCRIPTION": (
                    "On the public host. Regulators authenticate with their authority's API key "
                    "or their session; the public register needs no credentials."
                ),
            },
        ),
        name="api-schema",
    ),
    path("docs/", swagger_ui(url_name="api-schema"), name="api-docs"),
]
