"""Defects found by integrators (issue 18): date filters with any valid UTC offset, deleting a
system that a filing draft names, scope messages, key expiry, refused requests rate limited, bulk
uniqueness clashes per row and field, CORS on the public register only."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django_tenants.utils import tenant_context

from registry.workspace.models import AISystem
from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST, assert_problem

# Valid ISO 8601 (offsets up to ±23:59), outside PostgreSQL's ±15:59.
FAR_OFFSETS = [
    "2026-01-01T00:00:00-18:16",
    "2026-01-01T00:00:00+23:59",
    "0001-01-01T00:00:00+05:00",
]


@pytest.mark.parametrize("value", FAR_OFFSETS)
@pytest.mark.parametrize(
    "path, name",
    [
        ("/api/v1/audit-events/", "occurred_after"),
        ("/api/v1/audit-events/", "occurred_before"),
        ("/api/v1/systems/", "updated_after"),
    ],
)
def test_date_filters_take_any_valid_offset(api, alice, path, name, value):
    response = api(ORG_A_HOST, user=alice).get(f"{path}?{urlencode({name: value})}")
    assert response.status_code == 200, response.content
    assert "results" in response.json()


@pytest.mark.parametrize("name", ["submitted_after", "submitted_before"])
def test_regulator_date_filters_take_any_valid_offset(api, make_key, msa, name):
    client = api(PUBLIC_HOST, key=make_key(msa, scopes=["read"]))
    response = client.get(f"/api/v1/regulator/filings/?{urlencode({name: FAR_OFFSETS[0]})}")
    assert response.status_code == 200, response.content


def test_offset_filter_compares_the_same_instant(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    created = client.post("/api/v1/systems/", {"trade_name": "Offset", "role": "deployer"}).json()
    with tenant_context(org_a):
        updated = AISystem.objects.get(pk=created["id"]).updated_at
    # The same instant written 18:16 west of UTC: the system is still "updated after" it.
    import datetime

    west = updated.astimezone(datetime.timezone(-datetime.timedelta(hours=18, minutes=16)))
    listed = client.get("/api/v1/systems/?" + urlencode({"updated_after": west.isoformat()}))
    assert [s["id"] for s in listed.json()["results"]] == [created["id"]]
    later = (updated + datetime.timedelta(seconds=1)).astimezone(west.tzinfo)
    listed = client.get("/api/v1/systems/?" + urlencode({"updated_after": later.isoformat()}))
    assert listed.json()["results"] == []


def test_deleting_a_system_a_draft_names_is_409_and_keeps_it(api, alice, targets, org_a):
    draft_id = targets["draft_ready_a"]
    with tenant_context(org_a):
        from registry.workspace.models import FilingDraft

        system_id = FilingDraft.objects.get(pk=draft_id).system_id
    client = api(ORG_A_HOST, user=alice)
    body = assert_problem(
        client.delete(f"/api/v1/systems/{system_id}/"), 409, "system_has_filing_drafts"
    )
    assert str(draft_id) in " ".join(body["errors"]["filing_drafts"])
    assert client.get(f"/api/v1/systems/{system_id}/").status_code == 200


def test_missing_scope_is_named_by_its_value(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read"]))
    body = assert_problem(
        client.post("/api/v1/systems/", {"trade_name": "X", "role": "provider"}),
        403,
        "scope_missing",
    )
    assert body["detail"] == "This API key lacks the write scope."


def test_a_key_created_without_expiry_expires_after_90_days(api, make_key, org_a):
    import datetime

    from django.utils import timezone

    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "admin"]))
    created = client.post("/api/v1/api-keys/", {"name": "ci", "scopes": ["read"]})
    assert created.status_code == 201, created.content
    expires = datetime.datetime.fromisoformat(created.json()["expires_at"])
    expected = timezone.now() + datetime.timedelta(days=90)
    assert abs((expires - expected).total_seconds()) < 60


def _refused_rate(settings, rate: str) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "refused": rate,
        },
    }


def test_refused_requests_are_rate_limited_per_address(api, make_key, org_a, settings):
    _refused_rate(settings, "3/min")
    guesser = api(ORG_A_HOST, key="aap_guessing_" + "x" * 43)
    assert [guesser.get("/api/v1/me").status_code for _ in range(3)] == [401, 401, 401]
    response = guesser.get("/api/v1/me")
    assert_problem(response, 429, "rate_limited")
    assert int(response["Retry-After"]) >= 1
    # The address is what is limited: a valid key from it waits too.
    assert api(ORG_A_HOST, key=make_key(org_a)).get("/api/v1/me").status_code == 429


def test_forbidden_requests_count_as_refusals(api, make_key, org_a, settings):
    _refused_rate(settings, "2/min")
    reader = api(ORG_A_HOST, key=make_key(org_a, scopes=["read"]))
    for _ in range(2):
        assert (
            reader.post("/api/v1/systems/", {"trade_name": "X", "role": "provider"}).status_code
            == 403
        )
    assert reader.get("/api/v1/me").status_code == 429


def test_bulk_uniqueness_clash_names_row_and_field(api, alice, org_a):
    twins = [{"trade_name": "Twin", "role": "provider", "system_reference": "1"}] * 2
    response = api(ORG_A_HOST, user=alice).post("/api/v1/systems/bulk", twins)
    body = assert_problem(response, 422, "bulk_rejected")
    assert set(body["errors"]) == {"2.trade_name"}, body


PUBLIC_READS = [
    "/api/v1/register/filings/",
    "/api/v1/register/signatories/",
    "/api/v1/schemas/systems-bulk.json",
    "/open-data/register.json",
]


@pytest.mark.parametrize("path", PUBLIC_READS)
def test_public_register_reads_are_open_to_any_origin(api, path, db):
    response = api(PUBLIC_HOST).get(path, headers={"Origin": "https://watchdog.example"})
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = api(PUBLIC_HOST).request(
        "OPTIONS",
        path,
        headers={"Origin": "https://watchdog.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


@pytest.mark.parametrize(
    "host, path",
    [
        (PUBLIC_HOST, "/api/v1/regulator/filings/"),
        (PUBLIC_HOST, "/api/v1/me"),
        (ORG_A_HOST, "/api/v1/systems/"),
        (ORG_A_HOST, "/api/v1/me"),
    ],
)
def test_no_cross_origin_access_anywhere_else(api, make_key, msa, org_a, host, path):
    key = make_key(msa if host == PUBLIC_HOST else org_a, scopes=["read"])
    response = api(host, key=key).get(path, headers={"Origin": "https://watchdog.example"})
    assert response.status_code == 200, response.content
    assert "Access-Control-Allow-Origin" not in response


def test_a_refusal_is_in_the_readers_language_with_the_same_code(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read"]))
    german = {"Accept-Language": "de"}
    body = assert_problem(
        client.post("/api/v1/systems/", {"trade_name": "X"}, headers=german), 403, "scope_missing"
    )
    assert body["detail"] == "Diesem API-Schlüssel fehlt die Berechtigung write."
