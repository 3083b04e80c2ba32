"""/api/ on an organisation's host. New resources: register a viewset on `router` (or add a path
to `v1`) and an entry in tests/api/endpoints.py; the schema picks them up by itself."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from portal.api.v1.api_keys import ApiKeyViewSet
from portal.api.v1.audit_events import AuditEventViewSet
from portal.api.v1.classify import ClassifyView
from portal.api.v1.me import OrganisationMeView
from portal.api.v1.members import MemberViewSet

router = SimpleRouter()
router.register("audit-events", AuditEventViewSet, basename="audit-event")
router.register("members", MemberViewSet, basename="member")
router.register("api-keys", ApiKeyViewSet, basename="api-key")

v1 = [
    path("classify", ClassifyView.as_view(), name="classify"),
    path("me", OrganisationMeView.as_view(), name="me"),
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
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
