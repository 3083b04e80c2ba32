from __future__ import annotations

from registry import rules
from registry.workspace import selectors, services
from tests.workspace.helpers import make_system, pdf, upload


def _complete_section_a(actor):  # type: ignore[no-untyped-def]
    doc = upload(actor, pdf("DoC"), "doc.pdf")
    ifu = upload(actor, pdf("IFU"), "ifu.pdf")
    system = make_system(
        actor,
        system_reference="v2",
        intended_purpose="Triage",
        components_and_functions="Scorer",
        data_and_logic_description="GBM on vitals",
        status="on_market",
        member_states=["DE"],
        declaration_of_conformity=doc.pk,
        instructions_for_use=ifu,
        conformity_assessment_route="annex_vi_internal_control",
        provider_established_in_eu=True,
        # The cast's organisation has no address: the system gives its own (A1 allows it).
        provider_address="Hauptstr. 1, 10115 Berlin",
        provider_contact_details="compliance@acme.test",
    )
    services.system_classify(
        actor=actor,
        system=system,
        facts={"role": "provider", "annex_iii_area": "5(d)", "respondent_established_in_eu": True},
    )
    system.refresh_from_db()
    return system


def test_registration_data_has_exactly_the_rules_fields(in_a, bob):
    system = make_system(bob)
    for section in "ABC":
        data = selectors.system_registration_data(system, section)
        assert set(data) == set(rules.fields_for(section))


def test_provider_details_default_from_the_organisation(in_a, bob, org_a):
    data = selectors.system_registration_data(make_system(bob), "A")
    assert data["provider_name"] == org_a.legal_name
    assert data["provider_established_in_eu"] is org_a.eu_established


def test_organisation_address_and_contacts_fill_a_blank_provider(in_a, bob, org_a):
    org_a.address = "Rue de la Loi 1, Brussels"
    org_a.contact_email = "ai@acme.test"
    data = selectors.system_registration_data(make_system(bob), "A", organisation=org_a)
    assert data["provider_address"] == "Rue de la Loi 1, Brussels"
    assert "ai@acme.test" in data["provider_contact_details"]


def test_details_set_on_the_system_win(in_a, bob):
    system = make_system(bob, provider_name="Acme Medical Division")
    assert selectors.system_registration_data(system, "A")["provider_name"] == (
        "Acme Medical Division"
    )


def test_deployer_and_submitter_default_from_the_organisation_in_section_c(in_a, bob, org_a):
    data = selectors.system_registration_data(make_system(bob, role="deployer"), "C")
    assert data["deployer_name"] == org_a.legal_name
    assert data["submitter_name"]


def test_a_fully_described_high_risk_system_is_complete_for_section_a(in_a, bob):
    system = _complete_section_a(bob)
    completeness = selectors.system_completeness(system)
    assert completeness.section == "A"
    assert completeness.is_complete, completeness.missing + completeness.invalid
    data = selectors.system_registration_data(system, "A")
    assert data["declaration_of_conformity"]["sha256"] == system.declaration_of_conformity.sha256


def test_a_bare_system_misses_the_annex_viii_items(in_a, bob):
    missing = {i.field for i in selectors.system_completeness(make_system(bob), "A").missing}
    assert {"intended_purpose", "status", "member_states", "declaration_of_conformity"} <= missing
