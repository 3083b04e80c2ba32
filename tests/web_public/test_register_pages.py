"""The public register (Art 71): registered, non-restricted filings, public fields only."""

from __future__ import annotations

import pytest
from django.conf import settings

from registry.register.services.pdf_jobs import pdf_job_run, public_rendition_run
from tests.queries import count_queries
from tests.web_public.helpers import file, registered, registered_twice

pytestmark = pytest.mark.django_db


def test_register_lists_only_registered_public_filings(host_client, cast, lead):  # type: ignore[no-untyped-def]
    public = registered(cast.org_a, cast.owner_a, lead)
    pending = file(cast.org_a, cast.owner_a).filing
    response = host_client("localhost").get("/register/")
    assert response.status_code == 200
    listed = [f.pk for f in response.context["page"].rows]
    assert listed == [public.pk]
    assert pending.registration_number not in response.content.decode()


def test_restricted_registration_never_appears(host_client, cast):  # type: ignore[no-untyped-def]
    from portal.accounts.models import AuthorityMembership
    from tests.web_public.helpers import lead_for

    lead = lead_for()
    AuthorityMembership.objects.filter(user=lead).update(restricted_access=True)
    secure = registered(cast.org_a, cast.owner_a, lead, restricted=True)
    assert secure.status == "registered"
    client = host_client("localhost")
    assert secure.registration_number not in client.get("/register/").content.decode()
    assert client.get(f"/register/{secure.pk}/").status_code == 404
    assert client.get(f"/register/{secure.pk}/v/2/").status_code == 404
    assert client.get(f"/register/{secure.pk}/v/2/pdf/").status_code == 404
    assert (
        secure.registration_number not in client.get("/open-data/register.csv").getvalue().decode()
    )


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("q=HireRank", True),
        ("q=acme", True),
        ("q=nothing-like-it", False),
        ("member_state=DE", True),
        ("member_state=PT", False),
        ("annex_iii_area=4(a)", True),
        ("annex_iii_area=5(b)", False),
        ("risk_tier=high_risk", True),
        ("risk_tier=minimal_risk", False),
        ("organisation=acme", True),
        ("organisation=globex", False),
    ],
)
def test_search_and_filters(query, found, host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead)
    file(cast.org_b, cast.owner_b)  # registered nowhere: never found
    response = host_client("localhost").get(f"/register/?{query}")
    listed = [f.pk for f in response.context["page"].rows]
    assert listed == ([filing.pk] if found else [])


def test_search_by_registration_number(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead)
    response = host_client("localhost").get(f"/register/?q={filing.registration_number}")
    assert [f.pk for f in response.context["page"].rows] == [filing.pk]


def test_entry_shows_public_fields_and_full_history(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead)
    response = host_client("localhost").get(f"/register/{filing.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "HireRank" in html
    assert f"/register/{filing.pk}/v/2/" in html
    # Version 1 had changes requested: never registered, so not published (Art 71(4)).
    assert f"/register/{filing.pk}/v/1/" not in html
    assert "the registered version" in html
    # Art 71: what stays with regulators does not reach the public page.
    assert "Risk management summary" not in html
    assert "Indirect discrimination" not in html  # a hazard of the risk summary
    assert cast.owner_a.email not in html  # who filed (the person) is not published


@pytest.mark.parametrize(
    ("lang", "trade_name", "on_market"),
    [("en", "Trade name", "On the market"), ("de", "Handelsname", "Auf dem Markt")],
)
def test_entry_shows_field_labels_and_coded_values_translated(  # type: ignore[no-untyped-def]
    lang, trade_name, on_market, host_client, cast, lead
):
    filing = registered(cast.org_a, cast.owner_a, lead)
    client = host_client("localhost")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    html = client.get(f"/register/{filing.pk}/").content.decode()
    assert trade_name in html and on_market in html
    assert "on_market" not in html  # the status is a label, never its code
    for key in ("provider_name", "trade_name", "status"):
        assert f">{key}<" not in html


def test_each_registered_version_is_viewable_and_no_other(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered_twice(cast.org_a, cast.owner_a, lead)
    response = host_client("localhost").get(f"/register/{filing.pk}/v/1/")
    assert response.status_code == 200
    assert "not the registered version" in response.content.decode()
    assert host_client("localhost").get(f"/register/{filing.pk}/v/3/").status_code == 404
    changes_requested = registered(cast.org_a, cast.owner_a, lead)
    response = host_client("localhost").get(f"/register/{changes_requested.pk}/v/1/")
    assert response.status_code == 404


def test_public_downloads_the_pdf_of_the_registered_version_only(host_client, cast, lead):  # type: ignore[no-untyped-def]
    filing = registered(cast.org_a, cast.owner_a, lead)
    for version in filing.versions.all():
        assert pdf_job_run(job_id=version.pdf_job.pk) == "ready"
    copy = filing.versions.get(number=2).public_rendition
    assert public_rendition_run(rendition_id=copy.pk) == "ready"
    copy.refresh_from_db()
    client = host_client("localhost")
    entry = client.get(f"/register/{filing.pk}/").content.decode()
    assert f"/register/{filing.pk}/v/2/pdf/" in entry
    assert copy.pdf_sha256 in entry
    response = client.get(f"/register/{filing.pk}/v/2/pdf/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["X-Content-SHA256"] == copy.pdf_sha256  # the public copy, not the filing
    # Version 1 had changes requested: never registered, so its PDF is not published.
    assert client.get(f"/register/{filing.pk}/v/1/pdf/").status_code == 404


def test_pending_filing_entry_is_404(host_client, cast):  # type: ignore[no-untyped-def]
    filing = file(cast.org_a, cast.owner_a).filing
    assert host_client("localhost").get(f"/register/{filing.pk}/").status_code == 404


def test_register_is_not_served_on_organisation_hosts(host_client, cast):  # type: ignore[no-untyped-def]
    assert host_client("acme.localhost", user=cast.alice).get("/register/").status_code == 404


def test_register_query_count_is_the_same_for_1_and_50_registrations(host_client, cast, lead):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    registered(cast.org_a, cast.owner_a, lead)
    client.get("/register/")
    with count_queries() as one:
        client.get("/register/")
    for _ in range(49):
        registered(cast.org_a, cast.owner_a, lead)
    second = "/register/" + client.get("/register/").context["page"].next_link
    with count_queries() as many:
        response = client.get(second)
    assert len(response.context["page"].rows) == 25
    assert many.count == one.count, (one.statements, many.statements)


def test_unknown_filter_value_is_an_error_and_finds_nothing(host_client, cast, lead):  # type: ignore[no-untyped-def]
    registered(cast.org_a, cast.owner_a, lead)
    response = host_client("localhost").get("/register/?risk_tier=made_up")
    assert response.status_code == 422
    assert 'id="id_risk_tier_error"' in response.content.decode()
    assert list(response.context["page"].rows) == []
