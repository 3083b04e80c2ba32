"""The cross-organisation matrix: every endpoint of endpoints.py × every kind of outsider gets a
401/403/404 problem with no data, and changes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django_tenants.utils import tenant_context

from portal.accounts.models import ApiKey, Membership, Role
from portal.audit.models import AuditEvent
from tests.api.endpoints import ENDPOINTS, PUBLIC_ENDPOINTS, Endpoint, fill_body
from tests.api.helpers import ALL_SCOPES, ORG_A_HOST, PUBLIC_HOST, ApiClient, assert_problem

OUTSIDERS = [
    "other_organisation_member",
    "other_organisation_key",
    "key_without_scope",
    "anonymous",
    "member_below_role",
]
EXPECTED = {
    "other_organisation_member": 403,
    "other_organisation_key": 401,
    "key_without_scope": 403,
    "anonymous": 401,
    "member_below_role": 403,
}


def _state(org_a: Any) -> tuple[int, int, int, list[str]]:
    with tenant_context(org_a):
        events = AuditEvent.objects.count()
    return (
        events,
        ApiKey.objects.filter(revoked_at__isnull=True).count(),
        Membership.objects.filter(organisation=org_a).count(),
        sorted(Membership.objects.filter(organisation=org_a).values_list("role", flat=True)),
    )


def _client(
    outsider: str,
    endpoint: Endpoint,
    cast: Any,
    make_key: Callable[..., str],
    viewer_a: Any,
    msa: Any,
) -> ApiClient | None:
    on_org_host = endpoint.host == "organisation"
    host = ORG_A_HOST if on_org_host else PUBLIC_HOST
    without = [s for s in ALL_SCOPES if s != endpoint.scope]
    if outsider == "other_organisation_member":
        # Organisation host: a member of B only. Public host: a member of A who is no regulator.
        return ApiClient(host, user=cast.owner_b if on_org_host else cast.alice)
    if outsider == "other_organisation_key":
        return ApiClient(host, key=make_key(cast.org_b if on_org_host else cast.org_a))
    if outsider == "key_without_scope":
        return ApiClient(host, key=make_key(cast.org_a if on_org_host else msa, scopes=without))
    if outsider == "anonymous":
        return ApiClient(host)
    below = {Role.EDITOR: viewer_a, Role.ADMIN: cast.bob, Role.OWNER: cast.alice}
    return ApiClient(host, user=below[endpoint.min_role]) if endpoint.min_role in below else None


# Every endpoint × every outsider; "member_below_role" only where some role is below the minimum.
CASES = [
    pytest.param(endpoint, outsider, id=f"{endpoint.id} × {outsider}")
    for endpoint in ENDPOINTS
    for outsider in OUTSIDERS
    if outsider != "member_below_role" or endpoint.min_role in (Role.EDITOR, Role.ADMIN, Role.OWNER)
]


@pytest.mark.parametrize(("endpoint", "outsider"), CASES)
def test_outsider_gets_nothing(endpoint, outsider, cast, make_key, viewer_a, msa, targets):
    client = _client(outsider, endpoint, cast, make_key, viewer_a, msa)
    assert client is not None

    path = endpoint.path.format_map(targets)  # builds the named objects before the count
    payload = fill_body(endpoint.body, targets)
    before = _state(cast.org_a)

    response = client.request(
        endpoint.method,
        path,
        body=payload,
        headers={**endpoint.headers, "Idempotency-Key": f"matrix-{outsider}"},
        content_type=endpoint.content_type,
    )

    body = assert_problem(response, EXPECTED[outsider])
    assert body["errors"] == {}
    assert _state(cast.org_a) == before


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.id)
def test_registry_endpoint_is_reachable_by_an_insider(
    endpoint, cast, make_key, msa, targets, lead_de
):
    """The matrix proves refusals only if the same request succeeds for the right caller."""
    owner = cast.org_a if endpoint.host == "organisation" else msa
    host = ORG_A_HOST if endpoint.host == "organisation" else PUBLIC_HOST
    if endpoint.insider == "lead":
        client = ApiClient(host, user=lead_de)
    elif endpoint.insider == "ai_office":
        client = ApiClient(host, user=cast.ai_office_lead)
    else:
        scopes = [endpoint.scope, *endpoint.insider_scopes]
        client = ApiClient(host, key=make_key(owner, scopes=scopes))
    response = client.request(
        endpoint.method,
        endpoint.path.format_map(targets),
        body=fill_body(endpoint.body, targets),
        headers=endpoint.headers,
        content_type=endpoint.content_type,
    )
    assert response.status_code < 300, response.content


def _route(pattern: str) -> str:
    """A URL pattern as "systems/{}/classifications/": path() converters, the router's regex
    groups and the registry's placeholders (or literal numbers) all become "{}"."""
    pattern = re.sub(r"(?<!\()\?.*$", "", pattern)  # a registry row's query string
    pattern = pattern.removeprefix("^").removesuffix("$").removeprefix("/api/v1/")
    pattern = re.sub(r"\(\?P<\w+>[^)]*\)|<[^>]+>|\{[^}]*\}", "{}", pattern)
    pattern = re.sub(r"(?<=/)\d+(?=/)", "{}", pattern).replace("\\.", ".")
    return pattern


def _routed(patterns: list[Any]) -> set[tuple[str, str]]:
    """(method, route) for every URL of an API version: router routes with their @action
    mappings, and path() views with the handlers their class defines."""
    found = set()
    for pattern in patterns:
        callback = pattern.callback
        actions = getattr(callback, "actions", None)
        if actions is not None:
            methods = {method.upper() for method in actions}
        else:
            view = callback.view_class
            methods = {m.upper() for m in view.http_method_names if hasattr(view, m)}
        for method in methods - {"OPTIONS", "HEAD"}:
            found.add((method, _route(str(pattern.pattern))))
    return found


def test_every_routed_endpoint_is_in_the_registry():
    """Both ways: each route the API serves (router, @action or path()) with each method is a
    row of endpoints.py, and each row is a route that exists."""
    from portal.api.urls_organisation import v1 as organisation_v1
    from portal.api.urls_public import v1 as public_v1

    registered = {
        ("organisation", e.method, _route(e.path)) for e in ENDPOINTS if e.host == "organisation"
    }
    registered |= {("public", e.method, _route(e.path)) for e in ENDPOINTS if e.host == "public"}
    registered |= {("public", "GET", _route(path)) for path in PUBLIC_ENDPOINTS}
    routed = {("organisation", *r) for r in _routed(organisation_v1)}
    routed |= {("public", *r) for r in _routed(public_v1)}

    unregistered, stale = sorted(routed - registered), sorted(registered - routed)
    assert not unregistered, f"add these routes to tests/api/endpoints.py: {unregistered}"
    assert not stale, f"endpoints.py names routes the API does not serve: {stale}"
