"""API keys: valid only on their own host; refusals say nothing about why."""

from __future__ import annotations

import datetime
import hashlib

from django.utils import timezone

from portal.accounts.models import ApiKey
from tests.api.helpers import ORG_A_HOST, ORG_B_HOST, PUBLIC_HOST, assert_problem
from tests.queries import count_queries

UNKNOWN = "aap_zzzzzzzz_" + "x" * 43


def _key(plaintext: str) -> ApiKey:
    return ApiKey.objects.get(prefix=plaintext[:12])


def test_key_works_on_its_own_organisation_host(api, make_key, org_a):
    assert api(ORG_A_HOST, key=make_key(org_a)).get("/api/v1/me").status_code == 200


def test_key_on_another_organisation_host_is_401_like_an_unknown_key(api, make_key, org_a):
    wrong_host = api(ORG_B_HOST, key=make_key(org_a)).get("/api/v1/me")
    unknown = api(ORG_B_HOST, key=UNKNOWN).get("/api/v1/me")
    assert_problem(wrong_host, 401, "not_authenticated")
    assert wrong_host.content == unknown.content
    assert wrong_host["WWW-Authenticate"] == unknown["WWW-Authenticate"]


def test_organisation_key_on_public_host_is_401(api, make_key, org_a):
    response = api(PUBLIC_HOST, key=make_key(org_a)).get("/api/v1/me")
    assert response.content == api(PUBLIC_HOST, key=UNKNOWN).get("/api/v1/me").content
    assert_problem(response, 401)


def test_authority_key_on_organisation_host_is_401(api, make_key, msa):
    assert_problem(api(ORG_A_HOST, key=make_key(msa)).get("/api/v1/me"), 401)


def test_expired_key_is_401(api, make_key, org_a):
    plaintext = make_key(org_a)
    ApiKey.objects.filter(prefix=plaintext[:12]).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = api(ORG_A_HOST, key=plaintext).get("/api/v1/me")
    assert_problem(expired, 401)
    assert expired.content == api(ORG_A_HOST, key=UNKNOWN).get("/api/v1/me").content


def test_revoked_key_is_401(api, make_key, org_a):
    plaintext = make_key(org_a)
    ApiKey.objects.filter(prefix=plaintext[:12]).update(revoked_at=timezone.now())
    assert_problem(api(ORG_A_HOST, key=plaintext).get("/api/v1/me"), 401)


def test_wrong_secret_with_a_real_prefix_is_401(api, make_key, org_a):
    plaintext = make_key(org_a)
    assert_problem(api(ORG_A_HOST, key=plaintext[:-2] + "zz").get("/api/v1/me"), 401)


def test_malformed_bearer_is_401(api, db):
    assert_problem(api(ORG_A_HOST, key="not-a-key").get("/api/v1/me"), 401)


def test_key_without_the_scope_is_403(api, make_key, org_a):
    response = api(ORG_A_HOST, key=make_key(org_a, scopes=["read"])).get("/api/v1/members/")
    assert_problem(response, 403, "scope_missing")


def test_a_bad_key_is_not_rescued_by_a_valid_session(alice, db):
    from tests.api.helpers import ApiClient

    client = ApiClient(ORG_A_HOST, key=UNKNOWN, user=alice)
    assert_problem(client.get("/api/v1/me"), 401)


def test_only_a_hash_of_the_secret_is_stored(make_key, org_a):
    plaintext = make_key(org_a)
    api_key = _key(plaintext)
    secret = plaintext[13:]
    assert api_key.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiKey.objects.filter(pk=api_key.pk).values().get())


def test_last_used_is_recorded_at_most_once_a_minute(api, make_key, org_a):
    plaintext = make_key(org_a)
    client = api(ORG_A_HOST, key=plaintext)
    assert _key(plaintext).last_used_at is None

    client.get("/api/v1/me")
    first = _key(plaintext).last_used_at
    assert first is not None
    with count_queries() as log:
        client.get("/api/v1/me")
    assert not [q for q in log.statements if q.upper().startswith("UPDATE")]
    assert _key(plaintext).last_used_at == first

    ApiKey.objects.filter(pk=_key(plaintext).pk).update(
        last_used_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    client.get("/api/v1/me")
    assert _key(plaintext).last_used_at > first
