"""Idempotency-Key on POST: a retry replays the first answer and writes nothing twice."""

from __future__ import annotations

import datetime
import hashlib
import json

from django.utils import timezone
from django_tenants.utils import tenant_context

from portal.accounts.models import ApiKey, Invitation, Membership, User
from portal.api.models import IdempotencyRecord
from portal.audit.models import AuditEvent
from tests.api.helpers import ORG_A_HOST, assert_problem

KEY = {"Idempotency-Key": "9b2f6a1e-first"}


def test_replay_returns_the_same_body_and_writes_once(api, alice, org_a):
    newcomer = User.objects.create_user(email="new@example.test", password=None)
    client = api(ORG_A_HOST, user=alice)
    body = {"email": newcomer.email, "role": "viewer"}
    with tenant_context(org_a):
        events_before = AuditEvent.objects.filter(action="membership.invited").count()

    first = client.post("/api/v1/members/", body, headers=KEY)
    again = client.post("/api/v1/members/", body, headers=KEY)

    assert first.status_code == again.status_code == 202
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    # One invitation, sent once; no membership before the person accepts (issue 14 item 4).
    assert Invitation.objects.filter(email=newcomer.email, organisation=org_a).count() == 1
    assert not Membership.objects.filter(user=newcomer, organisation=org_a).exists()
    with tenant_context(org_a):
        assert AuditEvent.objects.filter(action="membership.invited").count() == events_before + 1


def test_api_key_creation_with_the_same_key_creates_one_key(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    body = {"name": "ci", "scopes": ["read"]}
    first = client.post("/api/v1/api-keys/", body, headers=KEY)
    again = client.post("/api/v1/api-keys/", body, headers=KEY)
    assert first.status_code == again.status_code == 201
    assert ApiKey.objects.filter(organisation=org_a, name="ci").count() == 1
    assert again.json()["id"] == first.json()["id"]
    # The secret is shown once: the stored answer never holds it.
    assert first.json()["key"].startswith("aap_")
    assert again.json()["key"] is None
    assert first.json()["key"].encode() not in bytes(IdempotencyRecord.objects.get().response_body)


def test_same_key_different_body_is_409(api, alice):
    client = api(ORG_A_HOST, user=alice)
    client.post("/api/v1/classify", {"facts": {}}, headers=KEY)
    response = client.post("/api/v1/classify", {"facts": {"role": "provider"}}, headers=KEY)
    assert_problem(response, 409, "idempotency_key_reused")


def test_same_key_other_path_is_409(api, alice):
    client = api(ORG_A_HOST, user=alice)
    client.post("/api/v1/classify", {"facts": {}}, headers=KEY)
    response = client.post("/api/v1/members/", {"facts": {}}, headers=KEY)
    assert_problem(response, 409, "idempotency_key_reused")


def test_concurrent_duplicate_is_409_in_progress(api, alice):
    raw = json.dumps({"facts": {}}).encode()
    IdempotencyRecord.objects.create(
        owner=f"org_acme:user:{alice.pk}",
        key=KEY["Idempotency-Key"],
        fingerprint=hashlib.sha256(b"POST /api/v1/classify\n" + raw).hexdigest(),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    response = api(ORG_A_HOST, user=alice).post("/api/v1/classify", raw.decode(), headers=KEY)
    assert_problem(response, 409, "idempotency_key_in_progress")


def test_expired_record_does_not_replay(api, alice):
    client = api(ORG_A_HOST, user=alice)
    client.post("/api/v1/classify", {"facts": {}}, headers=KEY)
    IdempotencyRecord.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = client.post("/api/v1/classify", {"facts": {}}, headers=KEY)
    assert response.status_code == 200
    assert "Idempotent-Replayed" not in response


def test_keys_of_different_callers_do_not_collide(api, alice, bob):
    first = api(ORG_A_HOST, user=alice).post("/api/v1/classify", {"facts": {}}, headers=KEY)
    other = api(ORG_A_HOST, user=bob).post(
        "/api/v1/classify", {"facts": {"role": "provider"}}, headers=KEY
    )
    assert first.status_code == other.status_code == 200
    assert "Idempotent-Replayed" not in other


def test_error_answers_are_replayed_too(api, alice):
    client = api(ORG_A_HOST, user=alice)
    body = {"facts": {"colour": "red"}}
    first = client.post("/api/v1/classify", body, headers=KEY)
    again = client.post("/api/v1/classify", body, headers=KEY)
    assert first.status_code == again.status_code == 400
    assert again.content == first.content
    assert again["Content-Type"] == "application/problem+json"


def test_invalid_idempotency_key_is_400(api, alice):
    response = api(ORG_A_HOST, user=alice).post(
        "/api/v1/classify", {"facts": {}}, headers={"Idempotency-Key": "x" * 300}
    )
    assert_problem(response, 400, "invalid_idempotency_key")


def test_without_the_header_nothing_is_stored(api, alice):
    api(ORG_A_HOST, user=alice).post("/api/v1/classify", {"facts": {}})
    assert not IdempotencyRecord.objects.exists()
