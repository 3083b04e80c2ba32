"""Cursor pagination on large lists; django-filter on audit events."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.utils import timezone
from django_tenants.utils import tenant_context

from portal.accounts.models import Membership, Role, User
from portal.audit.models import AuditEvent
from tests.api.helpers import ORG_A_HOST, assert_problem


def _events(org, count: int, action: str = "test.paged", **extra) -> None:  # type: ignore[no-untyped-def]
    with tenant_context(org):
        AuditEvent.objects.bulk_create(
            AuditEvent(actor_kind="system", action=action, object_type="test.thing", **extra)
            for _ in range(count)
        )


def _all_pages(client, path: str) -> list[dict]:  # type: ignore[no-untyped-def]
    rows, url = [], path
    while url:
        page = client.get(url).json()
        rows += page["results"]
        url = page["next"]
    return rows


def test_audit_events_page_by_cursor_without_gaps_or_repeats(api, alice, org_a):
    _events(org_a, 7)
    client = api(ORG_A_HOST, user=alice)
    first = client.get("/api/v1/audit-events/?action=test.paged&page_size=3").json()
    assert len(first["results"]) == 3 and first["next"] and first["previous"] is None
    rows = _all_pages(client, "/api/v1/audit-events/?action=test.paged&page_size=3")
    ids = [row["id"] for row in rows]
    assert len(ids) == 7 == len(set(ids))
    assert ids == sorted(ids, reverse=True)  # newest first


def test_page_size_is_1_to_200_and_anything_else_is_refused(api, alice, org_a):
    _events(org_a, 205)
    client = api(ORG_A_HOST, user=alice)
    assert len(client.get("/api/v1/audit-events/?page_size=200").json()["results"]) == 200
    for bad in ("1000", "0", "-3", "2.5", "abc", ""):
        response = client.get(f"/api/v1/audit-events/?page_size={bad}")
        assert response.status_code == 400, bad
        assert set(response.json()["errors"]) == {"page_size"}


def test_default_page_size_is_50(api, alice, org_a):
    _events(org_a, 55)
    assert len(api(ORG_A_HOST, user=alice).get("/api/v1/audit-events/").json()["results"]) == 50


def test_invalid_cursor_is_400(api, alice):
    response = api(ORG_A_HOST, user=alice).get("/api/v1/audit-events/?cursor=garbage")
    assert_problem(response, 400, "invalid_cursor")


def test_members_page_by_cursor(api, alice, org_a):
    users = User.objects.bulk_create(User(email=f"m{i}@example.test") for i in range(5))
    Membership.objects.bulk_create(
        Membership(user=u, organisation=org_a, role=Role.VIEWER) for u in users
    )
    client = api(ORG_A_HOST, user=alice)
    rows = _all_pages(client, "/api/v1/members/?page_size=2")
    assert len(rows) == Membership.objects.filter(organisation=org_a).count()
    assert {r["user"]["email"] for r in rows} >= {u.email for u in users}


def test_audit_events_filter_by_action_object_type_and_dates(api, alice, org_a):
    _events(org_a, 2, action="test.kept")
    _events(org_a, 3, action="test.other")
    client = api(ORG_A_HOST, user=alice)
    assert len(client.get("/api/v1/audit-events/?action=test.kept").json()["results"]) == 2
    by_prefix = client.get("/api/v1/audit-events/?action_prefix=test.&object_type=test.thing")
    assert len(by_prefix.json()["results"]) == 5
    later = (timezone.now() + datetime.timedelta(minutes=1)).isoformat()
    assert (
        client.get("/api/v1/audit-events/?" + urlencode({"occurred_after": later})).json()[
            "results"
        ]
        == []
    )
    earlier = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    recent = client.get(
        "/api/v1/audit-events/?" + urlencode({"occurred_after": earlier, "action": "test.kept"})
    )
    assert len(recent.json()["results"]) == 2


def test_bad_filter_value_is_400_naming_it(api, alice):
    response = api(ORG_A_HOST, user=alice).get("/api/v1/audit-events/?occurred_after=yesterday")
    body = assert_problem(response, 400, "validation_failed")
    assert list(body["errors"]) == ["occurred_after"]


def test_audit_events_are_only_this_organisations(api, bob, org_a, org_b):
    _events(org_b, 1, action="test.globex-only")
    response = api(ORG_A_HOST, user=bob).get("/api/v1/audit-events/?action=test.globex-only")
    assert response.json()["results"] == []
    response = api("globex.localhost", user=bob).get(
        "/api/v1/audit-events/?action=test.globex-only"
    )
    assert len(response.json()["results"]) == 1
