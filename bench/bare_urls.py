"""An organisation host's URLs plus one bench-only view: the same 50 AI systems as the first page
of GET /api/v1/systems/, straight from `.values()` into JsonResponse. The ratio of the two
servers' request rates is what the API costs over plain Django (DRF, key authentication,
throttling, serializers, cursor pagination). Loaded only by bench/settings_bench.py.

The bare view sits under /api/ so the membership middleware lets it through as it does the API;
it checks no key on purpose: it is the floor the API is compared with.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import path

from portal.api.pagination import PortalCursorPagination
from portal.api.v1.systems import SystemSerializer, SystemViewSet
from portal.urls_tenant import handler404, handler500  # noqa: F401
from portal.urls_tenant import urlpatterns as tenant_urlpatterns
from registry.workspace.models import AISystem

FIELDS = [
    "latest_classification_id" if name == "latest_classification" else name
    for name in SystemSerializer.Meta.fields
]
ORDERING = getattr(SystemViewSet, "cursor_ordering", None) or PortalCursorPagination.ordering
ORDERING = (ORDERING,) if isinstance(ORDERING, str) else tuple(ORDERING)


def bare_systems(request: HttpRequest) -> JsonResponse:
    rows = list(AISystem.objects.order_by(*ORDERING).values(*FIELDS)[:50])
    return JsonResponse({"results": rows})


urlpatterns = [path("api/bench-bare/systems/", bare_systems), *tenant_urlpatterns]
