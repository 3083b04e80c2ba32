"""Risk register and QMS records pages."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from registry.workspace import services
from registry.workspace.models import QMSRecord, RiskRecord

RISK = {
    "hazard": "Ranking drifts against older applicants",
    "use_context": "intended_use",
    "likelihood": "possible",
    "severity": "major",
    "status": "open",
    "next_review_on": "2027-01-15",
}


def test_risk_register_lists_records_across_systems(as_alice, hirerank):  # type: ignore[no-untyped-def]
    html = as_alice.get("/records/").content.decode()
    assert "Proxy discrimination" in html and "HireRank" in html


def test_risk_register_filters_by_status(as_alice, hirerank):  # type: ignore[no-untyped-def]
    assert "Proxy discrimination" in as_alice.get("/records/?status=mitigating").content.decode()
    assert "Proxy discrimination" not in as_alice.get("/records/?status=closed").content.decode()


def test_add_a_risk_record_to_a_system(as_bob, hirerank, org_a):  # type: ignore[no-untyped-def]
    response = as_bob.post(f"/systems/{hirerank.pk}/risks/new/", RISK)
    assert response.status_code == 302
    with tenant_context(org_a):
        record = RiskRecord.objects.get(hazard=RISK["hazard"])
    assert record.system_id == hirerank.pk and str(record.next_review_on) == "2027-01-15"


def test_risk_form_errors_stay_next_to_fields_and_nothing_is_saved(as_bob, hirerank, org_a):  # type: ignore[no-untyped-def]
    response = as_bob.post(
        f"/systems/{hirerank.pk}/risks/new/", {**RISK, "likelihood": "", "hazard": "kept text"}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_likelihood_error"' in html and "kept text" in html
    with tenant_context(org_a):
        assert not RiskRecord.objects.filter(hazard="kept text").exists()


def test_edit_a_risk_record(as_bob, hirerank, org_a):  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        record = RiskRecord.objects.get(system=hirerank)
    page = as_bob.get(f"/risks/{record.pk}/edit/")
    assert "Proxy discrimination" in page.content.decode()
    response = as_bob.post(f"/risks/{record.pk}/edit/", {**RISK, "status": "closed"})
    assert response.status_code == 302
    with tenant_context(org_a):
        record.refresh_from_db()
    assert record.status == "closed"


def test_qms_create_edit_and_admin_approval(as_bob, as_alice, hirerank, org_a):  # type: ignore[no-untyped-def]
    data = {
        "aspect": "g",
        "title": "Risk-management procedure",
        "document_version": "1.0",
        "systems": [str(hirerank.pk)],
    }
    assert as_bob.post("/records/qms/new/", data).status_code == 302
    with tenant_context(org_a):
        record = QMSRecord.objects.get(title="Risk-management procedure")
        assert list(record.systems.all()) == [hirerank]
    listing = as_bob.get("/records/qms/").content.decode()
    assert "Risk-management procedure" in listing
    assert f"/records/qms/{record.pk}/approve/" not in listing  # editors do not approve
    assert as_bob.post(f"/records/qms/{record.pk}/approve/").status_code == 403
    assert f"/records/qms/{record.pk}/approve/" in as_alice.get("/records/qms/").content.decode()
    assert as_alice.post(f"/records/qms/{record.pk}/approve/").status_code == 302
    with tenant_context(org_a):
        record.refresh_from_db()
    assert record.status == "approved" and record.approved_by_id is not None
    edit = {**data, "document_version": "1.1"}
    assert as_bob.post(f"/records/qms/{record.pk}/edit/", edit).status_code == 302
    with tenant_context(org_a):
        record.refresh_from_db()
    assert record.status == "draft"  # a changed document needs approving again


def test_qms_form_refuses_a_missing_version(as_bob, org_a):  # type: ignore[no-untyped-def]
    response = as_bob.post("/records/qms/new/", {"aspect": "a", "title": "Strategy"})
    assert response.status_code == 422
    assert 'id="id_document_version_error"' in response.content.decode()
    with tenant_context(org_a):
        assert not QMSRecord.objects.exists()


def test_owner_must_be_a_member(as_bob, hirerank, org_a, cast):  # type: ignore[no-untyped-def]
    response = as_bob.post(
        f"/systems/{hirerank.pk}/risks/new/", {**RISK, "owner": str(cast.carol.pk)}
    )
    assert response.status_code == 422
    assert 'id="id_owner_error"' in response.content.decode()


def test_risk_list_queries_do_not_grow_with_rows(as_alice, hirerank, org_a, alice):  # type: ignore[no-untyped-def]
    from tests.queries import count_queries

    as_alice.get("/records/")  # warm up (session, content types)
    with count_queries() as one:
        as_alice.get("/records/")
    with tenant_context(org_a):
        for index in range(5):
            services.risk_record_create(
                actor=alice,
                system=hirerank,
                hazard=f"H{index}",
                likelihood="rare",
                severity="minor",
            )
    with count_queries() as many:
        as_alice.get("/records/")
    assert one.count == many.count
