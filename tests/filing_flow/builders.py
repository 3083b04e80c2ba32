"""A complete Section A system, built through the workspace services as a provider would."""

from __future__ import annotations

import io
from typing import Any

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
