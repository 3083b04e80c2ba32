"""The dashboard: systems by tier, the legal calendar ahead, filings, in a fixed query budget."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from registry import rules
from registry.workspace import services
from registry.workspace.selectors.dashboard import organisation_dashboard
from tests.queries import count_queries


def test_counts_systems_by_tier(as_alice, hirerank):  # type: ignore[no-untyped-def]
    html = as_alice.get("/").content.decode()
    assert "/systems/?risk_tier=high_risk" in html
    assert "High-risk (Art 6)" in html


def test_deadlines_come_from_the_legal_calendar_with_their_article(org_a, alice, hirerank):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    placed = today + timedelta(days=60)
    expiry = today + timedelta(days=400)
    with tenant_context(org_a):
        services.ai_system_update(actor=alice, system=hirerank, certificate_expiry_date=expiry)
        services.system_classify(
            actor=alice,
            system=hirerank,
            facts={
                "role": "provider",
                "annex_iii_area": "4(a)",
                "placed_on_market_date": placed.isoformat(),
                "date_status": "planned",
            },
        )
        record = hirerank.risk_records.get()
        services.risk_record_update(
            actor=alice, risk_record=record, next_review_on=today - timedelta(days=3)
        )
        board = organisation_dashboard(today=today)
    found = {(d.kind, d.on, d.citation) for d in board.deadlines}
    assert ("registration", rules.registration_due(placed), "Art 49(1)") in found
    assert ("certificate_expiry", expiry, "Art 44(2)") in found
    assert ("certificate_alert", rules.certificate_renewal_alerts(expiry)[0], "Art 44(2)") in found
    assert ("risk_review", today - timedelta(days=3), "Art 9(2)") in found  # overdue stays
    compliance = [d for d in board.deadlines if d.kind == "compliance"]
    assert compliance and compliance[0].on == date(2027, 12, 2)
    assert [d.on for d in board.deadlines] == sorted(d.on for d in board.deadlines)


def test_filings_count_unsubmitted_drafts(org_a, alice, hirerank):  # type: ignore[no-untyped-def]
    from registry.workspace.services.drafts import filing_draft_create

    with tenant_context(org_a):
        filing_draft_create(actor=alice, kind="annex_viii_a", system_id=hirerank.pk)
        board = organisation_dashboard()
    assert board.drafts_not_submitted == 1
    assert board.filings == []


def test_dashboard_query_count_does_not_grow_with_systems(as_alice, org_a, alice):  # type: ignore[no-untyped-def]
    as_alice.get("/")
    with tenant_context(org_a):
        services.ai_system_create(actor=alice, trade_name="One", role="provider")
    with count_queries() as one:
        assert as_alice.get("/").status_code == 200
    with tenant_context(org_a):
        for index in range(6):
            system = services.ai_system_create(actor=alice, trade_name=f"S{index}", role="provider")
            services.system_classify(
                actor=alice, system=system, facts={"role": "provider", "annex_iii_area": "4(a)"}
            )
            services.risk_record_create(
                actor=alice,
                system=system,
                hazard="h",
                likelihood="rare",
                severity="minor",
                next_review_on=timezone.localdate(),
            )
    with count_queries() as many:
        as_alice.get("/")
    assert one.count == many.count
    assert many.count <= 12, many.statements


def test_system_list_and_detail_query_budgets(as_alice, org_a, alice, hirerank):  # type: ignore[no-untyped-def]
    as_alice.get("/systems/")
    with count_queries() as one:
        as_alice.get("/systems/")
    with tenant_context(org_a):
        for index in range(5):
            services.ai_system_create(actor=alice, trade_name=f"L{index}", role="deployer")
    with count_queries() as many:
        as_alice.get("/systems/")
    assert one.count == many.count
    with count_queries() as detail:
        as_alice.get(f"/systems/{hirerank.pk}/")
    assert detail.count <= 20, detail.statements


def test_evidence_list_query_budget(as_alice, org_a, alice):  # type: ignore[no-untyped-def]
    import io

    from registry.workspace.demo_files import minimal_pdf

    as_alice.get("/evidence/")
    with tenant_context(org_a):
        services.evidence_upload(actor=alice, file=io.BytesIO(minimal_pdf("0")), filename="0.pdf")
    with count_queries() as one:
        as_alice.get("/evidence/")
    with tenant_context(org_a):
        for index in range(1, 5):
            services.evidence_upload(
                actor=alice, file=io.BytesIO(minimal_pdf(str(index))), filename=f"{index}.pdf"
            )
    with count_queries() as many:
        as_alice.get("/evidence/")
    assert one.count == many.count
