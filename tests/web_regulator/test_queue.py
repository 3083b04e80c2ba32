"""The review queue: jurisdiction, filters, counts per status, order, pagination, query budget."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from registry.register.models import Filing
from registry.register.services.review import filing_start_review
from tests.queries import count_queries
from tests.web_public.helpers import file

pytestmark = pytest.mark.django_db


def _numbers(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.registration_number for f in response.context["page"].rows]


def test_queue_lists_only_filings_in_the_reviewers_jurisdiction(host_client, cast):  # type: ignore[no-untyped-def]
    german = file(cast.org_a, cast.owner_a).filing
    dutch = file(cast.org_b, cast.owner_b, member_states=("NL",)).filing
    gpai = file(cast.org_a, cast.owner_a, kind="gpai_model_documentation").filing
    response = host_client("localhost", user=cast.regulator).get("/regulator/")
    assert response.status_code == 200
    assert german.registration_number in _numbers(response)
    assert dutch.registration_number not in _numbers(response)
    assert gpai.registration_number not in _numbers(response)


def test_queue_counts_every_status_and_links_to_it(host_client, cast, lead):  # type: ignore[no-untyped-def]
    first = file(cast.org_a, cast.owner_a).filing
    file(cast.org_a, cast.owner_a)
    filing_start_review(actor=lead, filing=first)
    response = host_client("localhost", user=cast.regulator).get("/regulator/")
    counts = {value: n for value, _label, n in response.context["counts"]}
    assert counts["submitted"] == 1 and counts["under_review"] == 1
    assert counts["registered"] == 0
    assert b"status=under_review" in response.content


def test_status_filter_keeps_counts_of_the_other_statuses(host_client, cast, lead):  # type: ignore[no-untyped-def]
    first = file(cast.org_a, cast.owner_a).filing
    second = file(cast.org_a, cast.owner_a).filing
    filing_start_review(actor=lead, filing=first)
    response = host_client("localhost", user=cast.regulator).get("/regulator/?status=submitted")
    assert _numbers(response) == [second.registration_number]
    counts = {value: n for value, _label, n in response.context["counts"]}
    assert counts["under_review"] == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=annex_viii_b", "b"),
        ("member_state=AT", "at"),
        ("risk_tier=high_risk", "a"),
        ("organisation=globex", "globex"),
        ("restricted=no", "a"),
    ],
)
def test_filters(query, expected, host_client, cast):  # type: ignore[no-untyped-def]
    filings = {
        "a": file(cast.org_a, cast.owner_a).filing,
        "b": file(cast.org_a, cast.owner_a, kind="annex_viii_b").filing,
        "at": file(cast.org_a, cast.owner_a, member_states=("DE", "AT")).filing,
        "globex": file(cast.org_b, cast.owner_b).filing,
    }
    response = host_client("localhost", user=cast.regulator).get(f"/regulator/?{query}")
    assert response.status_code == 200
    assert filings[expected].registration_number in _numbers(response)
    if query != "restricted=no" and query != "risk_tier=high_risk":
        assert len(_numbers(response)) == 1


def test_annex_iii_area_filter(host_client, cast):  # type: ignore[no-untyped-def]
    filing = file(cast.org_a, cast.owner_a).filing  # the factory files Annex III 4(a)
    client = host_client("localhost", user=cast.regulator)
    assert _numbers(client.get("/regulator/?annex_iii_area=4(a)")) == [filing.registration_number]
    assert _numbers(client.get("/regulator/?annex_iii_area=5(b)")) == []


def _file_days_ago(cast, monkeypatch, days: int) -> Filing:  # type: ignore[no-untyped-def]
    # A filed version cannot be backdated (a trigger refuses it): file it "in the past" instead.
    past = timezone.now() - dt.timedelta(days=days)
    monkeypatch.setattr("registry.register.services.submit.timezone.now", lambda: past)
    filing = file(cast.org_a, cast.owner_a).filing
    monkeypatch.undo()
    return filing


def test_submitted_date_range(host_client, cast, monkeypatch):  # type: ignore[no-untyped-def]
    old = _file_days_ago(cast, monkeypatch, 40)
    new = file(cast.org_a, cast.owner_a).filing
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    client = host_client("localhost", user=cast.regulator)
    assert _numbers(client.get(f"/regulator/?submitted_from={since}")) == [new.registration_number]
    assert _numbers(client.get(f"/regulator/?submitted_to={since}")) == [old.registration_number]


def test_inverted_date_range_is_an_error_next_to_the_field(host_client, cast):  # type: ignore[no-untyped-def]
    response = host_client("localhost", user=cast.regulator).get(
        "/regulator/?submitted_from=2026-05-01&submitted_to=2026-04-01"
    )
    assert response.status_code == 422
    assert "submitted_to" in response.context["form"].errors
    assert b'id="id_submitted_to_error"' in response.content


def test_oldest_waiting_filing_comes_first(host_client, cast, monkeypatch):  # type: ignore[no-untyped-def]
    newer = file(cast.org_a, cast.owner_a).filing
    older = _file_days_ago(cast, monkeypatch, 3)
    response = host_client("localhost", user=cast.regulator).get("/regulator/")
    assert _numbers(response) == [older.registration_number, newer.registration_number]


def test_queue_is_paginated(host_client, cast):  # type: ignore[no-untyped-def]
    for _ in range(27):
        file(cast.org_a, cast.owner_a)
    client = host_client("localhost", user=cast.regulator)
    first = client.get("/regulator/")
    assert len(_numbers(first)) == 25
    assert b'rel="next"' in first.content
    second = client.get("/regulator/" + first.context["page"].next_link)
    assert len(_numbers(second)) == 2
    assert not set(_numbers(second)) & set(_numbers(first))
    back = client.get("/regulator/" + second.context["page"].previous_link)
    assert _numbers(back) == _numbers(first)


def test_queue_query_count_is_the_same_for_1_and_50_filings(host_client, cast):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    file(cast.org_a, cast.owner_a)
    client.get("/regulator/")  # warm the session and content types
    with count_queries() as one:
        assert client.get("/regulator/").status_code == 200
    for _ in range(49):
        file(cast.org_a, cast.owner_a)
    assert Filing.objects.count() >= 50
    first = client.get("/regulator/")
    with count_queries() as many:
        assert client.get("/regulator/" + first.context["page"].next_link).status_code == 200
    assert many.count == one.count, (one.statements, many.statements)


@pytest.mark.parametrize(
    "query",
    ["", "kind=annex_viii_b", "risk_tier=high_risk&restricted=no", "member_state=DE", "status=x"],
)
def test_maintained_counts_equal_counting_the_filings(host_client, cast, lead, query):  # type: ignore[no-untyped-def]
    from registry.register.selectors_console import _counts_from_table

    first = file(cast.org_a, cast.owner_a).filing
    file(cast.org_a, cast.owner_a, kind="annex_viii_b")
    file(cast.org_b, cast.owner_b, member_states=("DE", "AT"))
    file(cast.org_b, cast.owner_b, member_states=("NL",))
    filing_start_review(actor=lead, filing=first)
    client = host_client("localhost", user=cast.regulator)
    response = client.get(f"/regulator/?{query}")
    shown = {value: n for value, _label, n in response.context["counts"]}
    counted = {}
    for filing in Filing.objects.filter(member_states__contains=["DE"], restricted=False):
        if "kind=annex_viii_b" in query and filing.kind != "annex_viii_b":
            continue
        if "risk_tier=high_risk" in query and filing.risk_tier != "high_risk":
            continue
        counted[filing.status] = counted.get(filing.status, 0) + 1
    assert {k: v for k, v in shown.items() if v} == counted
    assert shown["under_review"] == (0 if "annex_viii_b" in query else 1)
    from registry.register.selectors_console import QueueFilters

    assert _counts_from_table(cast.regulator, QueueFilters()) is not None  # the table answered
