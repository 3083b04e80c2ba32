"""Every kind of error is application/problem+json with a stable code."""

from __future__ import annotations

from django.test import RequestFactory

from portal.api.exceptions import handler404, handler500
from tests.api.helpers import ORG_A_HOST, ApiClient, assert_problem


def test_validation_error_names_the_field(api, alice):
    response = api(ORG_A_HOST, user=alice).post("/api/v1/members/", {"email": "x", "role": "god"})
    body = assert_problem(response, 400, "validation_failed")
    assert set(body["errors"]) == {"email", "role"}


def test_malformed_json_is_400(api, alice):
    response = api(ORG_A_HOST, user=alice).post("/api/v1/classify", "{not json")
    assert_problem(response, 400, "malformed_json")


def test_unsupported_media_type_is_415(alice):
    client = ApiClient(ORG_A_HOST, user=alice)
    response = client.client.post("/api/v1/classify", data="facts=1", content_type="text/plain")
    assert_problem(response, 415, "unsupported_media_type")


def test_method_not_allowed_is_405(api, alice):
    assert_problem(api(ORG_A_HOST, user=alice).patch("/api/v1/me"), 405, "method_not_allowed")


def test_anonymous_is_401_with_www_authenticate(api, db):
    response = api(ORG_A_HOST).get("/api/v1/me")
    assert_problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_non_member_is_403(api, carol):
    assert_problem(api(ORG_A_HOST, user=carol).get("/api/v1/me"), 403, "not_a_member")


def test_missing_object_is_404(api, alice):
    assert_problem(api(ORG_A_HOST, user=alice).get("/api/v1/members/999999/"), 404, "not_found")


def test_unknown_api_path_is_a_problem_not_an_html_page(api, db):
    assert_problem(api(ORG_A_HOST).get("/api/v1/no-such-thing"), 404, "not_found")


def test_domain_error_keeps_its_code_status_and_field_errors(api, alice):
    client = api(ORG_A_HOST, user=alice)
    system = client.post("/api/v1/systems/", {"trade_name": "Twice", "role": "provider"})
    draft = {"kind": "annex_viii_a", "system": system.json()["id"]}
    assert client.post("/api/v1/filings/", draft).status_code == 201
    body = assert_problem(client.post("/api/v1/filings/", draft), 409, "draft_exists")
    assert list(body["errors"]) == ["kind"]


def test_conflict_from_a_service_is_409(api, alice, bob):
    response = api(ORG_A_HOST, user=alice).post(
        "/api/v1/members/", {"email": bob.email, "role": "viewer"}
    )
    assert_problem(response, 409, "already_member")


def test_problem_can_be_asked_for_by_accept_header(api, db):
    response = api(ORG_A_HOST).get("/api/v1/me", headers={"Accept": "application/problem+json"})
    assert_problem(response, 401)


def test_django_404_and_500_on_api_paths_are_problems():
    request = RequestFactory().get("/api/v1/x")
    assert handler404(request, Exception())["Content-Type"] == "application/problem+json"
    response = handler500(request)
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"


def test_django_404_elsewhere_stays_html(db):
    request = RequestFactory().get("/nothing-here")
    assert "html" in handler404(request, Exception())["Content-Type"]
