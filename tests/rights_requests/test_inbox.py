"""The provider's inbox, on its host (web and API): who reads, who answers, one query budget."""

from __future__ import annotations

import pytest
from django.core import mail

from registry.register.models import RightsRequest, RightsRequestStatus
from tests.api.helpers import ApiClient, assert_problem
from tests.queries import count_queries
from tests.rights import received_request

HOST = "acme.localhost"


def test_an_administrator_answers_on_the_page_and_the_requester_gets_it(
    provider, alice, host_client, on_commit
):
    request = received_request(provider)
    client = host_client(HOST, user=alice)
    inbox = client.get("/rights-requests/")
    assert inbox.status_code == 200 and request.reference.encode() in inbox.content
    detail = client.get(f"/rights-requests/{request.pk}/")
    assert b"rosa@authors.test" in detail.content  # the provider sees whom it answers
    assert client.post(f"/rights-requests/{request.pk}/review/").status_code == 302
    empty = client.post(f"/rights-requests/{request.pk}/answer/", {"answer": ""})
    assert empty.status_code == 422 and b"errorlist-box" in empty.content
    with on_commit():
        done = client.post(f"/rights-requests/{request.pk}/answer/", {"answer": "Removed."})
    assert done.status_code == 302
    assert RightsRequest.objects.get(pk=request.pk).status == RightsRequestStatus.ANSWERED
    assert "Removed." in mail.outbox[-1].body


def test_an_editor_reads_but_cannot_answer_a_viewer_cannot_read(
    provider, bob, viewer_a, host_client
):
    request = received_request(provider)
    editor = host_client(HOST, user=bob)
    assert editor.get(f"/rights-requests/{request.pk}/").status_code == 200
    assert editor.post(f"/rights-requests/{request.pk}/answer/", {"answer": "x"}).status_code == 403
    viewer = host_client(HOST, user=viewer_a)
    assert viewer.get("/rights-requests/").status_code == 403


def test_another_organisation_never_sees_the_request(provider, org_b, cast, host_client):
    request = received_request(provider)
    other = host_client("globex.localhost", user=cast.owner_b)
    assert other.get(f"/rights-requests/{request.pk}/").status_code == 404
    assert request.reference.encode() not in other.get("/rights-requests/").content


def test_the_api_answers_with_problem_json_for_bad_input_and_closed_requests(provider, make_key):
    request = received_request(provider)
    admin = ApiClient(HOST, key=make_key(provider, scopes=["admin", "write"]))
    assert_problem(admin.post(f"/api/v1/rights-requests/{request.pk}/answer/", {}), 400)
    ok = admin.post(f"/api/v1/rights-requests/{request.pk}/reject/", {"reason": "Not ours."})
    assert ok.status_code == 200 and ok.json()["status"] == "rejected"
    again = admin.post(f"/api/v1/rights-requests/{request.pk}/answer/", {"answer": "Late."})
    assert_problem(again, 409, "invalid_transition")
    rows = admin.get("/api/v1/rights-requests/").json()["results"]
    assert [row["reference"] for row in rows] == [request.reference]
    assert "requester_email" not in rows[0]  # the list carries no personal data


def test_an_unconfirmed_request_is_not_in_the_api(provider, make_key):
    from tests.rights import file_request

    pending = file_request(provider)
    reader = ApiClient(HOST, key=make_key(provider, scopes=["write"]))
    assert reader.get("/api/v1/rights-requests/").json()["results"] == []
    assert_problem(reader.get(f"/api/v1/rights-requests/{pending.pk}/"), 404)


@pytest.mark.parametrize("path", ["/rights-requests/", "/api/v1/rights-requests/"])
def test_the_inbox_costs_the_same_queries_at_one_and_many_rows(provider, alice, host_client, path):
    client = host_client(HOST, user=alice)
    received_request(provider)
    client.get(path)  # warm: sessions, content types
    with count_queries() as one:
        assert client.get(path).status_code == 200
    for n in range(4):
        received_request(provider, requester_email=f"r{n}@a.test", client_address=f"192.0.2.{n}")
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert many.count == one.count, many.statements
