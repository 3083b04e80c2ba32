"""An organisation host's URLs plus two bench-only views, both of the first page of
GET /api/v1/systems/ straight from `.values()` into JsonResponse:

- `/api/bench-bare/systems/`: the same 50 systems and the same columns as the API's page (the
  system's fields and its latest classification's summary, joined), flat. The ratio of the two
  servers' request rates is what the API costs over plain Django for the same rows (DRF, key
  authentication, throttling, the row plan's nesting and formats, cursor pagination).
- `/api/bench-bare/systems-own-columns/`: the system's own columns only (no join), the floor
  issue 13 first measured against; reported beside it, not judged.

Loaded only by bench/settings_bench.py. Both sit under /api/ so the membership middleware lets
them through as it does the API; they check no key on purpose: they are the floor.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import path

from portal.api.pagination import PortalCursorPagination
from portal.api.v1.systems import SYSTEM_LIST_ROWS, SystemSerializer, SystemViewSet
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
    rows = list(AISystem.objects.order_by(*ORDERING).values(*SYSTEM_LIST_ROWS.columns)[:50])
    return JsonResponse({"results": rows})


def bare_systems_own_columns(request: HttpRequest) -> JsonResponse:
    rows = list(AISystem.objects.order_by(*ORDERING).values(*FIELDS)[:50])
    return JsonResponse({"results": rows})


urlpatterns = [
    path("api/bench-bare/systems/", bare_systems),
    path("api/bench-bare/systems-own-columns/", bare_systems_own_columns),
    *tenant_urlpatterns,
]
