"""The dashboard: charts as accessible inline SVG with the numbers in tables, jurisdiction only."""

from __future__ import annotations

import pytest

from tests.queries import count_queries
from tests.web_public.helpers import file

pytestmark = pytest.mark.django_db


def _cop_snapshot_items(chapters: dict[str, str]) -> dict:
    return {
        "section": None,
        "items": [
            {
                "code": f"CoP-{chapter}",
                "title": chapter,
                "citation": "Art 56",
                "fields": {"status": status, "status_date": "2026-08-01"},
                "withheld_from_public": False,
            }
            for chapter, status in chapters.items()
        ],
    }


def test_dashboard_counts_by_tier_area_and_member_state(host_client, cast):  # type: ignore[no-untyped-def]
    file(cast.org_a, cast.owner_a, member_states=("DE", "AT"))
    file(cast.org_a, cast.owner_a)
    file(cast.org_b, cast.owner_b, member_states=("NL",))  # not in the DE jurisdiction
    response = host_client("localhost", user=cast.regulator).get("/regulator/dashboard/")
    assert response.status_code == 200
    panels = {panel["id"]: panel for panel in response.context["panels"]}
    tier = panels["chart-tier"]["rows"]
    assert [(str(r["label"]), r["total"]) for r in tier] == [("High-risk (Art 6)", 2)]
    states = {str(r["label"]): r["total"] for r in panels["chart-member_state"]["rows"]}
    assert states == {"Germany": 2, "Austria": 1}
    html = response.content.decode()
    assert html.count('role="img"') == 3  # tier, area, member state; no declarations yet
    assert '<title id="chart-tier-title">' in html
    assert "<table" in html


def test_ai_office_sees_signatories_per_chapter(host_client, cast):  # type: ignore[no-untyped-def]
    file(
        cast.org_a,
        cast.owner_a,
        kind="cop_signatory_declaration",
        registration=_cop_snapshot_items({"transparency": "signed", "copyright": "declined"}),
    )
    file(
        cast.org_b,
        cast.owner_b,
        kind="cop_signatory_declaration",
        registration=_cop_snapshot_items({"transparency": "signed"}),
    )
    response = host_client("localhost", user=cast.ai_office_lead).get("/regulator/dashboard/")
    panels = {panel["id"]: panel for panel in response.context["panels"]}
    rows = {str(r["label"]): r["total"] for r in panels["chart-chapters"]["rows"]}
    assert rows == {"Transparency (Art 53(1)(a)-(b), Annexes XI-XII)": 2}


def test_dashboard_query_count_does_not_grow_with_filings(host_client, cast):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.regulator)
    file(cast.org_a, cast.owner_a)
    client.get("/regulator/dashboard/")
    with count_queries() as one:
        client.get("/regulator/dashboard/")
    for _ in range(20):
        file(cast.org_a, cast.owner_a, member_states=("DE", "FR"))
    with count_queries() as many:
        client.get("/regulator/dashboard/")
    assert many.count == one.count
