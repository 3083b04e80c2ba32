"""City of Lindenburg: a public-authority deployer of an Annex III 5(a) system (Section C)."""

from __future__ import annotations

from datetime import date

from portal.accounts.models import User
from registry.workspace import services
from registry.workspace.demo.common import demo_system, evidence, pdf

# The demo organisation has no postal address (portal.demo): the registration gives it.
LINDENBURG_ADDRESS = "Stadhuisplein 1, 1234 AB Lindenburg, Netherlands"


def seed_lindenburg(actor: User, created: list[str]) -> None:
    system, new = demo_system(
        actor,
        created,
        "Benefits Fraud Risk Scoring",
        {
            "role": "deployer",
            "organisation_type": "public_authority",
            "annex_iii_area": "5(a)",
            "respondent_established_in_eu": True,
            "intended_for_public_authorities": True,
        },
        system_reference="FraudSignal 4 (deployed 2027)",
        deployer_address=LINDENBURG_ADDRESS,
        submitter_address=LINDENBURG_ADDRESS,
        intended_purpose="Scores applications for social benefits by risk of error or fraud, "
        "so caseworkers choose which files to check first.",
        provider_entry_url="https://ai-act-database.example.eu/entries/EU-HR-2027-000123",
        provider_registration_number="EU-HR-2027-000123",
        fria_summary="The FRIA (Art 27) found risks to non-discrimination and to good "
        "administration; mitigations: no automated refusals, caseworker review of every "
        "flag, yearly bias audit, and an appeal route explained in every letter.",
        dpia_required=True,
        dpia_summary="The DPIA (GDPR Art 35) covers income, household and payment data; "
        "retention is limited to 2 years and access to trained caseworkers.",
        status="in_service",
        member_states=["NL"],
    )
    if new:
        risk = services.risk_record_create(
            actor=actor,
            system=system,
            hazard="Over-flagging of single-parent households",
            likelihood="possible",
            severity="major",
            affected_persons="Benefit applicants, in particular single parents",
            affects_vulnerable_groups=True,
            fundamental_rights=["non_discrimination", "social_security", "good_administration"],
            mitigation="Caseworker review of every flag; monthly flag-rate monitoring by group.",
            mitigation_type="control",
            residual_risk="medium",
            owner=actor,
            status="mitigating",
            next_review_on=date(2027, 2, 1),
        )
        evidence(
            actor,
            "fria-benefits-fraud-risk-scoring.pdf",
            pdf("Fundamental-rights impact assessment (Art 27)", "City of Lindenburg"),
            "FRIA, Benefits Fraud Risk Scoring",
            systems=[system],
            risk_records=[risk],
        )
        evidence(
            actor,
            "dpia-summary.md",
            b"# DPIA summary\n\nIncome, household and payment data; retention 2 years.\n",
            "DPIA summary (GDPR Art 35)",
            systems=[system],
        )
