"""An organisation's API key is remembered in Redis for a minute (portal/accounts/api_key_cache.py),
and a revocation still takes effect at once."""

from __future__ import annotations

from portal.accounts.api_key_cache import api_key_remember
from portal.accounts.api_keys import api_key_revoke
from portal.accounts.models import ApiKey
from tests.api.helpers import ORG_A_HOST, assert_problem
from tests.queries import count_queries


def test_a_used_key_is_not_looked_up_in_the_database_again(api, make_key, org_a):  # type: ignore[no-untyped-def]
    client = api(ORG_A_HOST, key=make_key(org_a))
    assert client.get("/api/v1/me").status_code == 200
    with count_queries() as log:
        assert client.get("/api/v1/me").status_code == 200
    assert not [q for q in log.statements if "accounts_apikey" in q], log.statements


def test_revoking_a_remembered_key_refuses_it_at_once(api, alice, make_key, org_a):  # type: ignore[no-untyped-def]
    plaintext = make_key(org_a)
    client = api(ORG_A_HOST, key=plaintext)
    assert client.get("/api/v1/me").status_code == 200  # now remembered
    api_key = ApiKey.objects.get(prefix=plaintext[:12])
    response = api(ORG_A_HOST, user=alice).delete(f"/api/v1/api-keys/{api_key.pk}/")
    assert response.status_code == 204
    assert_problem(client.get("/api/v1/me"), 401)


def test_a_copy_read_before_the_revocation_cannot_bring_the_key_back(api, alice, make_key, org_a):  # type: ignore[no-untyped-def]
    plaintext = make_key(org_a)
    stale = ApiKey.objects.get(prefix=plaintext[:12])  # a request read it ...
    api_key_revoke(actor=alice, api_key=stale)  # ... the key was revoked ...
    api_key_remember(stale)  # ... and that request remembered what it had read
    assert_problem(api(ORG_A_HOST, key=plaintext).get("/api/v1/me"), 401)
