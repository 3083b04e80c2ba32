"""Comments on fields and decisions from the console: the review services do the work, the page
shows their refusals next to the field and changes nothing."""

from __future__ import annotations

import pytest

from registry.register.models import ReviewComment
from registry.register.services.review import filing_start_review
from tests.web_public.helpers import file

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing(cast):  # type: ignore[no-untyped-def]
    return file(cast.org_a, cast.owner_a).filing


def _post(client, filing, action, data, *, confirmed=True):  # type: ignore[no-untyped-def]
    """Register and reject ask for a confirmation first; `confirmed` answers it."""
    if confirmed and action in ("register", "reject"):
        data = {**data, "confirmed": "yes"}
    return client.post(f"/regulator/filings/{filing.pk}/{action}/", data)


@pytest.mark.parametrize("action", ["register", "reject"])
def test_register_and_reject_ask_the_lead_to_confirm_first(  # type: ignore[no-untyped-def]
    host_client, cast, filing, lead, action
):
    client = host_client("localhost", user=lead)
    data = {"version_number": 1, "reason": "Not an AI system."}
    response = _post(client, filing, action, data, confirmed=False)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Confirm the" in page and 'name="confirmed" value="yes"' in page
    assert f"Yes, {action} version 1" in page
    filing.refresh_from_db()
    assert filing.status == "submitted"  # nothing decided until confirmed
    assert _post(client, filing, action, data).status_code == 302
    filing.refresh_from_db()
    assert filing.status == {"register": "registered", "reject": "rejected"}[action]


def test_reviewer_comments_on_a_field(host_client, cast, filing):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    response = _post(client, filing, "comment", {"field": "trade_name", "body": "Spell it out."})
    assert response.status_code == 302
    assert response["Location"].endswith("#field-trade_name")
    comment = ReviewComment.objects.get(version__filing=filing)
    assert (comment.field, comment.body) == ("trade_name", "Spell it out.")
    page = client.get(f"/regulator/filings/{filing.pk}/").content.decode()
    assert "Spell it out." in page


def test_empty_comment_is_refused_next_to_the_field(host_client, cast, filing):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    response = _post(client, filing, "comment", {"field": "trade_name", "body": " "})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="comment-trade_name-error"' in page
    # The error summary comes first on the page, links to the field, and the form's action
    # lands the reader on it (issue 15 item 5: the error used to sit ~3,000 px down, unseen).
    summary = page.index('id="error-summary"')
    assert summary < page.index('id="comment-trade_name-error"')
    assert 'href="#comment-trade_name"' in page[summary:]
    assert f'action="/regulator/filings/{filing.pk}/comment/#error-summary"' in page
    assert not ReviewComment.objects.filter(version__filing=filing).exists()


def test_comment_on_an_unknown_field_is_refused(host_client, cast, filing):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    response = _post(client, filing, "comment", {"field": "nonsense", "body": "Hm."})
    assert response.status_code == 422
    assert not ReviewComment.objects.filter(version__filing=filing).exists()


def test_reviewer_starts_review_and_requests_changes_on_a_field(host_client, cast, filing):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    assert _post(client, filing, "start", {"version_number": 1}).status_code == 302
    filing.refresh_from_db()
    assert filing.status == "under_review"
    response = _post(
        client,
        filing,
        "request-changes",
        {"version_number": 1, "field": "intended_purpose", "comment": "Too vague."},
    )
    assert response.status_code == 302
    filing.refresh_from_db()
    assert filing.status == "changes_requested"
    comment = ReviewComment.objects.get(version__filing=filing)
    assert (comment.field, comment.body) == ("intended_purpose", "Too vague.")


def test_request_changes_without_anything_to_change_is_refused(host_client, cast, filing):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    response = _post(client, filing, "request-changes", {"version_number": 1})
    assert response.status_code == 422
    assert "comment" in response.context["changes_form"].errors
    filing.refresh_from_db()
    assert filing.status == "submitted"


def test_comment_without_a_field_is_refused(host_client, cast, filing):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    response = _post(client, filing, "request-changes", {"version_number": 1, "comment": "x"})
    assert response.status_code == 422
    assert "field" in response.context["changes_form"].errors


def test_reviewer_sees_no_register_button_and_cannot_register(host_client, cast, filing):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    page = client.get(f"/regulator/filings/{filing.pk}/").content.decode()
    assert "Register version 1" not in page
    response = _post(client, filing, "register", {"version_number": 1})
    assert response.status_code == 422
    assert "needs a lead reviewer" in response.content.decode()
    filing.refresh_from_db()
    assert filing.status == "submitted"


def test_lead_registers(host_client, cast, filing, lead):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=lead)
    assert "Register version 1" in client.get(f"/regulator/filings/{filing.pk}/").content.decode()
    assert _post(client, filing, "register", {"version_number": 1}).status_code == 302
    filing.refresh_from_db()
    assert (filing.status, filing.registered_version_number) == ("registered", 1)


def test_rejection_needs_a_reason(host_client, cast, filing, lead):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=lead)
    response = _post(client, filing, "reject", {"version_number": 1, "reason": ""})
    assert response.status_code == 422
    assert 'id="id_reason_error"' in response.content.decode()
    filing.refresh_from_db()
    assert filing.status == "submitted"
    assert (
        _post(client, filing, "reject", {"version_number": 1, "reason": "Wrong."}).status_code
        == 302
    )
    filing.refresh_from_db()
    assert filing.status == "rejected"


def test_decision_on_a_stale_version_is_refused(host_client, cast, filing, lead):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=lead)
    response = _post(client, filing, "register", {"version_number": 7})
    assert response.status_code == 422
    assert "A newer version was filed" in response.content.decode()
    filing.refresh_from_db()
    assert filing.status == "submitted"


def test_decided_filing_offers_no_decision(host_client, cast, filing, lead):  # type: ignore[no-untyped-def]
    filing_start_review(actor=lead, filing=filing)
    client = host_client("localhost", user=lead)
    _post(client, filing, "register", {"version_number": 1})
    page = client.get(f"/regulator/filings/{filing.pk}/").content.decode()
    assert "No decision is open" in page
    assert _post(client, filing, "reject", {"version_number": 1, "reason": "x"}).status_code == 422


def test_unknown_action_is_404(host_client, cast, filing):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    assert _post(client, filing, "approve-everything", {"version_number": 1}).status_code == 404


def test_decisions_need_post(host_client, cast, filing):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    assert client.get(f"/regulator/filings/{filing.pk}/start/").status_code == 405
