"""/api/v1/api-keys/: administrators create (shown once), list and revoke keys."""

from __future__ import annotations

from portal.accounts.models import ApiKey
from tests.api.helpers import ORG_A_HOST, ORG_B_HOST, assert_problem


def test_created_key_is_returned_once_and_works_at_once(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    response = client.post("/api/v1/api-keys/", {"name": "ERP", "scopes": ["read"]})
    assert response.status_code == 201, response.content
    assert response["Cache-Control"] == "no-store"  # the plaintext is in this answer only
    created = response.json()
    assert api(ORG_A_HOST, key=created["key"]).get("/api/v1/me").status_code == 200
    listed = client.get("/api/v1/api-keys/").json()["results"]
    row = next(r for r in listed if r["id"] == created["id"])
    assert "key" not in row
    assert row["prefix"] == created["prefix"]
    assert row["created_by"] == alice.email


def test_revoked_key_stops_working(api, alice, make_key, org_a):
    plaintext = make_key(org_a, scopes=["read"])
    api_key = ApiKey.objects.get(prefix=plaintext[:12])
    response = api(ORG_A_HOST, user=alice).delete(f"/api/v1/api-keys/{api_key.pk}/")
    assert response.status_code == 204
    assert_problem(api(ORG_A_HOST, key=plaintext).get("/api/v1/me"), 401)
    assert ApiKey.objects.get(pk=api_key.pk).revoked_at is not None


def test_keys_of_another_organisation_are_invisible(api, alice, make_key, org_b, bob):
    plaintext = make_key(org_b)
    api_key = ApiKey.objects.get(prefix=plaintext[:12])
    client = api(ORG_A_HOST, user=alice)
    assert api_key.pk not in [r["id"] for r in client.get("/api/v1/api-keys/").json()["results"]]
    assert_problem(client.delete(f"/api/v1/api-keys/{api_key.pk}/"), 404)
    assert api(ORG_B_HOST, key=plaintext).get("/api/v1/me").status_code == 200


def test_expiry_in_the_past_is_refused(api, alice):
    response = api(ORG_A_HOST, user=alice).post(
        "/api/v1/api-keys/",
        {"name": "old", "scopes": ["read"], "expires_at": "2020-01-01T00:00:00Z"},
    )
    body = assert_problem(response, 400, "validation_failed")
    assert list(body["errors"]) == ["expires_at"]
