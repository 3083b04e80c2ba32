"""Who may open the console, and what a reviewer outside the jurisdiction sees: nothing."""

from __future__ import annotations

import pytest

from tests.web_public.helpers import file

pytestmark = pytest.mark.django_db

PAGES = ["/regulator/", "/regulator/dashboard/"]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitor_is_sent_to_login(path, host_client):  # type: ignore[no-untyped-def]
    response = host_client("localhost").get(path)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("path", PAGES)
def test_organisation_member_without_authority_gets_403(path, host_client, cast):  # type: ignore[no-untyped-def]
    for user in (cast.alice, cast.carol):
        response = host_client("localhost", user=user).get(path)
        assert response.status_code == 403
        assert b"Access denied" in response.content


def test_filing_page_is_403_for_non_regulators_and_login_for_anonymous(host_client, cast):  # type: ignore[no-untyped-def]
    filing = file(cast.org_a, cast.owner_a).filing
    path = f"/regulator/filings/{filing.pk}/"
    assert host_client("localhost").get(path).status_code == 302
    # Even the organisation's own administrator: the console is for authorities.
    assert host_client("localhost", user=cast.alice).get(path).status_code == 403


def test_console_does_not_exist_on_an_organisation_host(host_client, cast):  # type: ignore[no-untyped-def]
    response = host_client("acme.localhost", user=cast.alice).get("/regulator/")
    assert response.status_code == 404


def test_filing_outside_the_member_states_is_404(host_client, cast):  # type: ignore[no-untyped-def]
    dutch = file(cast.org_b, cast.owner_b, member_states=("NL",)).filing
    client = host_client("localhost", user=cast.regulator)
    for suffix in ("", "v/1/", "v/1/pdf/", "start/"):
        response = (
            client.post(f"/regulator/filings/{dutch.pk}/{suffix}", {"version_number": 1})
            if suffix == "start/"
            else client.get(f"/regulator/filings/{dutch.pk}/{suffix}")
        )
        assert response.status_code == 404, suffix
    dutch.refresh_from_db()
    assert dutch.status == "submitted"


def test_restricted_filing_is_404_without_restricted_access(host_client, cast):  # type: ignore[no-untyped-def]
    secure = file(cast.org_a, cast.owner_a, restricted=True).filing
    response = host_client("localhost", user=cast.regulator).get(f"/regulator/filings/{secure.pk}/")
    assert response.status_code == 404
    queue = host_client("localhost", user=cast.regulator).get("/regulator/")
    assert secure.registration_number.encode() not in queue.content


def test_restricted_filing_is_shown_to_a_member_with_restricted_access(host_client, cast):  # type: ignore[no-untyped-def]
    from portal.accounts.models import AuthorityMembership

    AuthorityMembership.objects.filter(user=cast.regulator).update(restricted_access=True)
    secure = file(cast.org_a, cast.owner_a, restricted=True).filing
    response = host_client("localhost", user=cast.regulator).get(f"/regulator/filings/{secure.pk}/")
    assert response.status_code == 200
    assert b"Restricted (Art 49(4))" in response.content


def test_ai_office_sees_gpai_filings_but_not_national_ones(host_client, cast):  # type: ignore[no-untyped-def]
    national = file(cast.org_a, cast.owner_a).filing
    gpai = file(cast.org_a, cast.owner_a, kind="gpai_model_documentation").filing
    client = host_client("localhost", user=cast.ai_office_lead)
    assert client.get(f"/regulator/filings/{national.pk}/").status_code == 404
    assert client.get(f"/regulator/filings/{gpai.pk}/").status_code == 200
    reviewer = host_client("localhost", user=cast.regulator)
    assert reviewer.get(f"/regulator/filings/{gpai.pk}/").status_code == 404


def test_unknown_filing_id_is_404(host_client, cast):  # type: ignore[no-untyped-def]
    response = host_client("localhost", user=cast.regulator).get(
        "/regulator/filings/00000000-0000-0000-0000-000000000000/"
    )
    assert response.status_code == 404
