"""Text search over filings (registry.register.search): one rule for the public register and the
regulator queue, substring and case-insensitive, served by trigram indexes."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from registry.register import search
from registry.register.models import Filing
from registry.register.search import filing_matches, filing_search
from registry.register.selectors_console import QueueFilters, regulator_queue
from registry.register.selectors_public import RegisterFilters, public_register_search
from tests.web_public.conftest import _media_in_tmp  # noqa: F401
from tests.web_public.helpers import file, lead_for, registered

pytestmark = pytest.mark.django_db


def _named(filing: Filing, name: str) -> Filing:
    Filing.objects.filter(pk=filing.pk).update(subject_name=name)
    filing.refresh_from_db()
    return filing


def _numbers(queryset) -> set[str]:  # type: ignore[no-untyped-def]
    return set(queryset.values_list("registration_number", flat=True))


def test_register_search_finds_a_part_of_the_name_number_or_organisation(cast):  # type: ignore[no-untyped-def]
    lead = lead_for()
    hiring = _named(registered(cast.org_a, cast.owner_a, lead), "Hiring Assistant Pro")
    scoring = _named(registered(cast.org_b, cast.owner_b, lead), "Credit Scoring Engine")

    def search(text: str) -> set[str]:
        return _numbers(public_register_search(RegisterFilters(q=text)))

    assert search("assistant") == {hiring.registration_number}
    assert search("  SCORING ") == {scoring.registration_number}
    assert search(hiring.registration_number[-6:].lower()) == {hiring.registration_number}
    assert search(cast.org_b.legal_name[2:9]) == {scoring.registration_number}
    assert search("") == {hiring.registration_number, scoring.registration_number}
    assert search("no such system") == set()


def test_register_search_never_finds_what_is_not_public(cast):  # type: ignore[no-untyped-def]
    waiting = _named(file(cast.org_a, cast.owner_a).filing, "Waiting Widget")
    secure = _named(file(cast.org_a, cast.owner_a, restricted=True).filing, "Secure Widget")
    # Art 49(4): even registered, a secure-section entry is not in the public register.
    Filing.objects.filter(pk=secure.pk).update(status="registered", registered_version_number=1)
    assert _numbers(public_register_search(RegisterFilters(q="widget"))) == set()
    assert waiting.registration_number and secure.registration_number


def test_queue_search_keeps_the_jurisdiction_and_counts_what_it_found(host_client, cast):  # type: ignore[no-untyped-def]
    german = _named(file(cast.org_a, cast.owner_a).filing, "Border Sentinel")
    _named(file(cast.org_b, cast.owner_b, member_states=("NL",)).filing, "Border Sentinel NL")
    _named(file(cast.org_a, cast.owner_a).filing, "Exam Proctor")
    found = regulator_queue(user=cast.regulator, filters=QueueFilters(q="sentinel"))
    assert _numbers(found) == {german.registration_number}

    response = host_client("localhost", user=cast.regulator).get("/regulator/?q=sentinel")
    assert response.status_code == 200
    assert [f.registration_number for f in response.context["page"].rows] == [
        german.registration_number
    ]
    counts = {value: n for value, _label, n in response.context["counts"]}
    assert sum(counts.values()) == 1 and counts["submitted"] == 1
    assert 'name="q" value="sentinel"' in response.content.decode()


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("sentinel", "register_filing_subject_trgm"),
        ("EU-2026", "register_filing_number_trgm"),
        ("acme", "tenancy_organisation_legal_name_trgm"),
    ],
)
def test_each_part_of_the_search_can_use_its_trigram_index(text, index):  # type: ignore[no-untyped-def]
    # With sequential scans priced out, the plan shows whether the query's shape fits the
    # indexes (icontains → UPPER(x) LIKE, the organisations as = ANY(ARRAY(...))); on a table of
    # a few rows the planner would rightly prefer a sequential scan.
    sql, params = filing_matches(text).values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan
    assert "Seq Scan on register_filing" not in plan, plan


def test_a_search_matching_many_filings_gives_the_same_answer_without_the_id_step(  # type: ignore[no-untyped-def]
    cast, monkeypatch
):
    # A selective search is resolved to ids first; one matching more than SELECTIVE filings
    # keeps its conditions in the list's own query. Both paths must find the same filings.
    lead = lead_for()
    found = {_named(registered(cast.org_a, cast.owner_a, lead), f"Triage {n}") for n in (1, 2)}
    numbers = {f.registration_number for f in found}
    selective = _numbers(public_register_search(RegisterFilters(q="triage")))
    monkeypatch.setattr(search, "SELECTIVE", 1)
    assert _numbers(public_register_search(RegisterFilters(q="triage"))) == selective == numbers
    assert _numbers(filing_search(Filing.objects.all(), "no such")) == set()
