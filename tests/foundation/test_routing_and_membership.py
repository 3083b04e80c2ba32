from __future__ import annotations

import pytest


def test_public_host_serves_landing_page(host_client, db):
    response = host_client("localhost").get("/")
    assert response.status_code == 200
    assert b"AI Act registration portal" in response.content


def test_unknown_host_is_not_found(host_client, db):
    assert host_client("nosuch.localhost").get("/").status_code == 404


def test_organisation_host_routes_to_its_own_schema(host_client, alice, org_a):
    response = host_client("acme.localhost", user=alice).get("/")
    assert response.status_code == 200
    assert response.context["current_organisation"] == org_a
    assert response.wsgi_request.tenant.schema_name == "org_acme"


def test_anonymous_user_is_sent_to_the_organisation_login(host_client, db):
    response = host_client("acme.localhost").get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/")


def test_login_page_of_organisation_is_open(host_client, db):
    response = host_client("acme.localhost").get("/accounts/login/")
    assert response.status_code == 200
    assert b"Acme AI SE" in response.content


def test_admin_of_a_is_refused_on_b_with_403_page_not_redirect(host_client, alice):
    response = host_client("globex.localhost", user=alice).get("/")
    assert response.status_code == 403
    assert b"not a member of this organisation" in response.content


def test_member_of_b_is_refused_on_a(host_client, cast):
    response = host_client("acme.localhost", user=cast.owner_b).get("/")
    assert response.status_code == 403


@pytest.mark.parametrize("host", ["acme.localhost", "globex.localhost"])
def test_member_of_both_organisations_opens_both(host_client, bob, host):
    assert host_client(host, user=bob).get("/").status_code == 200


@pytest.mark.parametrize("host", ["acme.localhost", "globex.localhost"])
def test_user_without_membership_is_refused_everywhere(host_client, carol, host):
    assert host_client(host, user=carol).get("/").status_code == 403


def test_regulator_session_opens_no_organisation(host_client, regulator):
    assert host_client("acme.localhost", user=regulator).get("/").status_code == 403


def test_login_with_valid_credentials_of_non_member_ends_in_403(host_client, carol):
    from tests.cast import PASSWORD

    client = host_client("acme.localhost")
    response = client.post(
        "/accounts/login/", {"username": carol.email, "password": PASSWORD}, follow=True
    )
    assert response.status_code == 403


def test_login_with_wrong_password_shows_error_and_keeps_email(host_client, alice):
    response = host_client("acme.localhost").post(
        "/accounts/login/", {"username": alice.email, "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert b"errorlist-box" in response.content
    assert alice.email.encode() in response.content
    assert "_auth_user_id" not in response.wsgi_request.session


def test_healthz_reports_database_and_redis(host_client, db):
    response = host_client("localhost").get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["redis"]["ok"] is True
    assert "worker" in body["checks"]
