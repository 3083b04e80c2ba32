"""The AI Office's statistics: counts and times per provider, never a requester (a test reads the
page and the API for the name and the address)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from registry.register.models import RightsRequest
from registry.register.selectors_rights_requests import rights_request_statistics
from registry.register.services import rights_requests as services
from tests.api.helpers import ApiClient
from tests.rights import PERSONAL, received_request


def _two_requests(provider, alice):  # type: ignore[no-untyped-def]
    answered = received_request(provider)
    services.rights_request_answer(
        actor=alice, organisation=provider, request_id=answered.pk, answer="Done."
    )
    RightsRequest.objects.filter(pk=answered.pk).update(
        confirmed_at=timezone.now() - timedelta(days=4)
    )
    late = received_request(provider, kind="complaint", requester_email="late@a.test")
    RightsRequest.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(1))


def test_counts_by_kind_and_status_overdue_and_median_time(provider, alice):
    _two_requests(provider, alice)
    [entry] = rights_request_statistics()
    assert entry.provider == provider.legal_name and entry.total == 2
    assert entry.by_kind == {"complaint": 1, "reservation": 1, "other": 0}
    assert entry.by_status["answered"] == 1 and entry.by_status["received"] == 1
    assert entry.overdue == 1
    assert entry.median_days_to_answer == 4.0


def test_the_ai_office_sees_counts_and_no_requester(provider, alice, cast, host_client):
    _two_requests(provider, alice)
    page = host_client("localhost", user=cast.ai_office_lead).get("/regulator/rights-requests/")
    assert page.status_code == 200 and provider.legal_name.encode() in page.content
    api = ApiClient("localhost", user=cast.ai_office_lead).get(
        "/api/v1/regulator/rights-request-statistics"
    )
    assert api.status_code == 200 and api.json()[0]["total"] == 2
    for body in (page.content, api.content):
        for personal in (*PERSONAL.values(), "late@a.test"):
            assert personal.encode() not in body


def test_a_national_reviewer_and_the_public_see_no_statistics(provider, cast, host_client):
    assert (
        host_client("localhost", user=cast.regulator).get("/regulator/rights-requests/").status_code
        == 403
    )
    assert host_client("localhost").get("/regulator/rights-requests/").status_code == 302
    refused = ApiClient("localhost", user=cast.regulator).get(
        "/api/v1/regulator/rights-request-statistics"
    )
    assert refused.status_code == 403
    anonymous = ApiClient("localhost").get("/api/v1/regulator/rights-request-statistics")
    assert anonymous.status_code in (401, 403)
