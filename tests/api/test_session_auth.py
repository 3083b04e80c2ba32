"""Browser sessions: members in, everyone else out, CSRF on unsafe methods."""

from __future__ import annotations

from django.test import Client

from tests.api.helpers import ORG_A_HOST, ORG_B_HOST, assert_problem


def test_member_session_is_let_in(api, bob):
    assert api(ORG_A_HOST, user=bob).get("/api/v1/audit-events/").status_code == 200
    assert api(ORG_B_HOST, user=bob).get("/api/v1/audit-events/").status_code == 200


def test_non_member_session_is_403_problem(api, alice):
    assert_problem(api(ORG_B_HOST, user=alice).get("/api/v1/me"), 403, "not_a_member")


def test_regulator_session_opens_no_organisation_api(api, regulator):
    assert_problem(api(ORG_A_HOST, user=regulator).get("/api/v1/me"), 403, "not_a_member")


def test_anonymous_is_401(api, db):
    assert_problem(api(ORG_A_HOST).get("/api/v1/audit-events/"), 401, "not_authenticated")


def test_role_below_the_minimum_is_403(api, bob):
    assert_problem(api(ORG_A_HOST, user=bob).get("/api/v1/members/"), 403, "permission_denied")


def test_viewer_may_read_and_classify(api, viewer_a):
    client = api(ORG_A_HOST, user=viewer_a)
    assert client.get("/api/v1/audit-events/").status_code == 200
    assert client.post("/api/v1/classify", {"facts": {}}).status_code == 200


def test_unsafe_method_without_csrf_token_is_refused(alice):
    client = Client(HTTP_HOST=ORG_A_HOST, enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/api/v1/classify", data={"facts": {}}, content_type="application/json")
    assert_problem(response, 403, "csrf_failed")


def test_unsafe_method_with_csrf_token_passes(alice):
    client = Client(HTTP_HOST=ORG_A_HOST, enforce_csrf_checks=True)
    client.force_login(alice)
    client.get("/accounts/login/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/classify",
        data={"facts": {}},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200, response.content
