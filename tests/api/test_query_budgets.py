"""Every list endpoint runs the same number of queries at 1 row and at 50 rows."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django_tenants.utils import tenant_context

from portal.accounts.api_keys import _hash_secret
from portal.accounts.models import ApiKey, Membership, Role, User
from portal.audit.models import AuditEvent
from tests.api.helpers import ORG_A_HOST
from tests.queries import count_queries


def _audit_events(org, alice, n: int) -> str:  # type: ignore[no-untyped-def]
    with tenant_context(org):
        AuditEvent.objects.bulk_create(
            AuditEvent(actor_kind="user", actor_id=alice.pk, action=f"budget.{n}") for _ in range(n)
        )
    return f"/api/v1/audit-events/?action=budget.{n}"


def _members(org, alice, n: int) -> str:  # type: ignore[no-untyped-def]
    users = User.objects.bulk_create(User(email=f"budget{n}-{i}@example.test") for i in range(n))
    Membership.objects.bulk_create(
        Membership(user=u, organisation=org, role=Role.VIEWER) for u in users
    )
    return "/api/v1/members/?page_size=200"


def _api_keys(org, alice, n: int) -> str:  # type: ignore[no-untyped-def]
    ApiKey.objects.bulk_create(
        ApiKey(
            organisation=org,
            name=f"budget {i}",
            prefix=f"aap_b{n:03d}{i:03d}",
            secret_hash=_hash_secret(f"{n}-{i}"),
            scopes=["read"],
            created_by=alice,
        )
        for i in range(n)
    )
    return "/api/v1/api-keys/?page_size=200"


LISTS: dict[str, Callable[..., str]] = {
    "audit-events": _audit_events,
    "members": _members,
    "api-keys": _api_keys,
}


@pytest.mark.parametrize("make_rows", LISTS.values(), ids=LISTS.keys())
def test_list_query_count_does_not_grow_with_rows(api, alice, org_a, make_rows):
    client = api(ORG_A_HOST, user=alice)
    client.get("/api/v1/me")  # warm the session, as a client in use would have it

    counts = []
    for n in (1, 50):
        path = make_rows(org_a, alice, n)
        with count_queries() as log:
            response = client.get(path)
        assert response.status_code == 200, response.content
        assert len(response.json()["results"]) >= n
        counts.append(log.count)
    assert counts[0] == counts[1], counts
