"""History (issue 15 item 11): the organisation's audit trail as a page (who changed what, when,
before → after; filtered by person, kind of object and days; exported as CSV of the filtered
list) and the History section of a system's page."""

from __future__ import annotations

import csv
import io

import pytest
from django_tenants.utils import tenant_context

from registry.workspace import services
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

URL = "/settings/history/"


def _changes(org_a, alice, bob, renames: int = 1, name: str = "HireRank"):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        system = services.ai_system_create(actor=alice, trade_name=name, role="provider")
        for n in range(renames):
            services.ai_system_update(actor=bob, system=system, trade_name=f"={name} {n + 2}")
    return system


def test_history_says_who_changed_what_before_and_after(as_alice, org_a, alice, bob):  # type: ignore[no-untyped-def]
    _changes(org_a, alice, bob)
    body = as_alice.get(URL).content.decode()
    assert "AI system added" in body and "AI system changed" in body
    assert "<del>HireRank</del> → <ins>=HireRank 2</ins>" in body
    assert "system.updated" not in body  # the action's words, not its code
    # Filtered by person: only Bob's change.
    bobs = as_alice.get(URL, {"person": "bob@"}).content.decode()
    assert "AI system changed" in bobs and "AI system added" not in bobs
    # By kind of object and by days.
    assert "AI system" in as_alice.get(URL, {"kind": "workspace.aisystem"}).content.decode()
    none = as_alice.get(URL, {"kind": "workspace.riskrecord"}).content.decode()
    assert "AI system changed" not in none and "Nothing recorded yet." in none
    future = as_alice.get(URL, {"day_from": "2999-01-01"}).content.decode()
    assert "AI system changed" not in future


def test_a_bad_filter_is_a_field_error_not_an_empty_list(as_alice, org_a, alice, bob):  # type: ignore[no-untyped-def]
    _changes(org_a, alice, bob)
    response = as_alice.get(URL, {"day_from": "yesterday"})
    assert response.status_code == 422
    summary = response.content.decode().split('id="error-summary"')[1].split("</div>")[0]
    assert 'href="#id_day_from"' in summary


def test_export_is_the_filtered_list_as_csv_with_formulas_neutralised(as_alice, org_a, alice, bob):  # type: ignore[no-untyped-def]
    _changes(org_a, alice, bob)
    response = as_alice.get(URL + "export.csv", {"person": "bob@"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["When", "Who", "What", "Kind of object", "Object", "Changes"]
    assert [row[2] for row in rows[1:]] == ["AI system changed"]
    assert rows[1][1] == "bob@both.test"
    # The object's new name begins with "=": a spreadsheet must not run it as a formula.
    assert rows[1][4].startswith("'=")


def test_only_administrators_open_the_history(as_bob, as_viewer):  # type: ignore[no-untyped-def]
    assert as_bob.get(URL).status_code == 403
    assert as_viewer.get(URL + "export.csv").status_code == 403


def test_the_page_runs_the_same_queries_for_few_and_many_events(as_alice, org_a, alice, bob):  # type: ignore[no-untyped-def]
    _changes(org_a, alice, bob, renames=1)
    with count_queries() as few:
        as_alice.get(URL)
    _changes(org_a, alice, bob, renames=60, name="TalentSort")
    with count_queries() as many:
        as_alice.get(URL)
    assert len(many.statements) == len(few.statements)


def test_a_systems_page_shows_its_own_history(as_bob, org_a, alice, bob):  # type: ignore[no-untyped-def]
    system = _changes(org_a, alice, bob)
    body = as_bob.get(f"/systems/{system.pk}/").content.decode()
    section = body.split('id="changes-heading"')[1].split("</section>")[0]
    assert "AI system changed" in section and "<ins>=HireRank 2</ins>" in section
    assert "/settings/history/" not in section  # an editor cannot open the whole history
