from __future__ import annotations

from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST


def test_session_member_sees_self_and_role(api, alice, org_a):
    body = api(ORG_A_HOST, user=alice).get("/api/v1/me").json()
    assert body["kind"] == "user"
    assert body["user"]["email"] == alice.email
    assert body["role"] == "admin"
    assert body["api_key"] is None
    assert body["organisation"] == {"slug": "acme", "legal_name": org_a.legal_name}


def test_key_sees_its_scopes_and_organisation(api, make_key, org_a):
    key = make_key(org_a, scopes=["read"], name="CI")
    response = api(ORG_A_HOST, key=key).get("/api/v1/me")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["kind"] == "api_key"
    assert body["user"] is None and body["role"] is None
    assert body["api_key"]["scopes"] == ["read"]
    assert body["api_key"]["name"] == "CI"
    assert key.startswith(body["api_key"]["prefix"])
    assert body["organisation"]["slug"] == "acme"


def test_regulator_session_sees_authority(api, regulator):
    response = api(PUBLIC_HOST, user=regulator).get("/api/v1/me")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["authority"]["slug"] == "de-msa"
    assert body["authority"]["member_states"] == ["DE"]
    assert body["role"] == "reviewer"
    assert body["restricted_access"] is False


def test_regulator_key_sees_authority(api, make_key, msa):
    key = make_key(msa, scopes=["read"])
    body = api(PUBLIC_HOST, key=key).get("/api/v1/me").json()
    assert body["kind"] == "api_key"
    assert body["authority"]["slug"] == "de-msa"
