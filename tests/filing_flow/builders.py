"""A complete Section A system, built through the workspace services as a provider would."""

from __future__ import annotations

import io
from typing import Any

from registry import rules
from registry.workspace import services
from registry.workspace.demo_files import minimal_pdf

FACTS = {
    "role": "provider",
    "annex_iii_area": "4(a)",
    "respondent_established_in_eu": True,
    "provider_established_in_eu": True,
    "organisation_type": "private_company",
}


def complete_section_a_system(
    actor: Any,
    trade_name: str = "HireRank",
    member_states: tuple[str, ...] = ("DE",),
    **overrides: Any,
):
    system = services.ai_system_create(
        actor=actor,
        trade_name=trade_name,
        role="provider",
        system_reference="HR 3.0",
        provider_address="Friedrichstraße 1, 10117 Berlin",
        provider_contact_details="compliance@acme.test; +49 30 1234567",
        intended_purpose="Ranks job applications for recruiters.",
        components_and_functions="CV parser, matcher, ranking with reasons.",
        data_and_logic_description="Gradient-boosted ranking over anonymised hiring data.",
        status="on_market",
        member_states=list(member_states),
        conformity_assessment_route="annex_vi_internal_control",
        **overrides,
    )
    doc = services.evidence_upload(
        actor=actor,
        file=io.BytesIO(minimal_pdf("Declaration")),
        filename="declaration.pdf",
        title="EU declaration",
        systems=[system],
    )
    ifu = services.evidence_upload(
        actor=actor,
        file=io.BytesIO(minimal_pdf("Instructions")),
        filename="instructions.pdf",
        title="Instructions for use",
        systems=[system],
    )
    services.ai_system_update(
        actor=actor, system=system, declaration_of_conformity=doc, instructions_for_use=ifu
    )
    services.risk_record_create(
        actor=actor,
        system=system,
        hazard="Proxy discrimination",
        likelihood="possible",
        severity="major",
        mitigation="Disparate-impact monitoring",
        residual_risk="low",
        status="mitigating",
    )
    services.system_classify(actor=actor, system=system, facts=FACTS)
    system.refresh_from_db()
    return system


# Annex III 6(a): law enforcement, so the registration goes to the secure section (Art 49(4)).
LAW_ENFORCEMENT = {
    "role": "provider",
    "annex_iii_area": "6(a)",
    "respondent_established_in_eu": True,
    "provider_established_in_eu": True,
}


def restricted_section_a_system(actor: Any, **overrides: Any) -> Any:
    """A complete Section A system of Annex III 6(a) (law enforcement): an Art 49(4) filing.
    It also gives A6, A11 and A13, which a restricted filing leaves out."""
    system = services.ai_system_create(
        actor=actor,
        trade_name="VictimRisk",
        role="provider",
        system_reference="VR 1.0",
        provider_address="Friedrichstraße 1, 10117 Berlin",
        provider_contact_details="compliance@acme.test",
        intended_purpose="Estimates the risk that a reported person becomes a crime victim.",
        components_and_functions="Case intake, risk model, officer console.",
        # A6 and A13 are given on the system; a restricted filing leaves them out.
        data_and_logic_description="Logistic model over police case records.",
        additional_information_url="https://acme.example/victimrisk",
        status="on_market",
        member_states=["DE"],
        conformity_assessment_route="annex_vi_internal_control",
        **overrides,
    )
    declaration = services.evidence_upload(
        actor=actor,
        file=io.BytesIO(minimal_pdf("Declaration VictimRisk")),
        filename="declaration.pdf",
        systems=[system],
    )
    services.ai_system_update(actor=actor, system=system, declaration_of_conformity=declaration)
    services.system_classify(actor=actor, system=system, facts=LAW_ENFORCEMENT)
    system.refresh_from_db()
    assert system.registration_visibility == rules.RegistrationVisibility.RESTRICTED_49_4
    return system
