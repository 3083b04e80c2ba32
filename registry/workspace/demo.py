"""Workspace demo data for the demo organisations of ``portal.demo`` (helios, lindenburg, nimbus).

Idempotent: a system, model or document that exists is left alone. Everything is created
through the workspace services with the organisation's owner as the actor, so the demo obeys
the same rules, and leaves the same audit trail, as real data.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

from django_tenants.utils import tenant_context

from portal.accounts.models import Membership, Role, User
from portal.tenancy.models import Organisation
from registry.workspace import services
from registry.workspace.demo_files import minimal_pdf
from registry.workspace.models import (
    AISystem,
    CodeOfPracticeSignatureChange,
    Evidence,
    GPAIModel,
    GPAIModelVersion,
    QMSRecord,
)


def _owner(organisation: Organisation) -> User:
    membership = (
        Membership.objects.select_related("user")
        .filter(organisation=organisation, role=Role.OWNER)
        .order_by("id")
        .first()
    )
    if membership is None:
        raise RuntimeError(f"{organisation.slug} has no owner")
    return membership.user


def _evidence(actor: User, filename: str, body: bytes, title: str, **links: Any) -> Evidence:
    return services.evidence_upload(
        actor=actor, file=io.BytesIO(body), filename=filename, title=title, **links
    )


def _pdf(title: str, *lines: str) -> bytes:
    return minimal_pdf(title, "", *lines)


def _system(
    actor: User, created: list[str], trade_name: str, facts: dict[str, Any], **fields: Any
) -> tuple[AISystem, bool]:
    existing = AISystem.objects.filter(trade_name=trade_name).first()
    if existing is not None:
        return existing, False
    system = services.ai_system_create(
        actor=actor, trade_name=trade_name, role=facts["role"], **fields
    )
    services.system_classify(actor=actor, system=system, facts=facts)
    created.append(f"system {trade_name}")
    return system, True


def _helios(actor: User, created: list[str]) -> None:
    eu = {"respondent_established_in_eu": True, "provider_established_in_eu": True}
    triage, new = _system(
        actor,
        created,
        "TriageAssist ED",
        {"role": "provider", "annex_iii_area": "5(d)", **eu},
        system_reference="TA-ED 2.1",
        intended_purpose="Prioritises patients arriving at hospital emergency departments by "
        "urgency, as decision support for triage nurses.",
        components_and_functions="Vital-sign intake, symptom classifier, urgency score with "
        "explanation, nurse override and audit log.",
        data_and_logic_description="Gradient-boosted model trained on 1.2 million anonymised "
        "triage episodes from 14 EU hospitals; inputs are vital signs and coded symptoms.",
        status="on_market",
        member_states=["DE", "AT", "NL"],
        conformity_assessment_route="annex_vi_internal_control",
        additional_information_url="https://helios.example/triageassist",
    )
    if new:
        doc = _evidence(
            actor,
            "triageassist-declaration-of-conformity.pdf",
            _pdf("EU declaration of conformity (Art 47, Annex V)", "TriageAssist ED 2.1"),
            "EU declaration of conformity, TriageAssist ED 2.1",
            systems=[triage],
        )
        ifu = _evidence(
            actor,
            "triageassist-instructions-for-use.pdf",
            _pdf("Instructions for use (Art 13)", "TriageAssist ED 2.1"),
            "Instructions for use, TriageAssist ED 2.1",
            systems=[triage],
        )
        services.ai_system_update(
            actor=actor, system=triage, declaration_of_conformity=doc, instructions_for_use=ifu
        )
        for hazard, likelihood, severity, rights in (
            (
                "Under-triage of atypical presentations (e.g. cardiac symptoms in women)",
                "possible",
                "critical",
                ["life_and_integrity", "non_discrimination", "gender_equality"],
            ),
            (
                "Automation bias: nurses accept the score without review",
                "likely",
                "major",
                ["health_care"],
            ),
        ):
            risk = services.risk_record_create(
                actor=actor,
                system=triage,
                hazard=hazard,
                likelihood=likelihood,
                severity=severity,
                affected_persons="Patients in emergency departments",
                fundamental_rights=rights,
                mitigation="Subgroup validation before release; mandatory nurse confirmation.",
                mitigation_type="design",
                residual_risk="medium",
                owner=actor,
                status="mitigating",
                next_review_on=date(2027, 1, 15),
            )
            if "atypical" in hazard:
                _evidence(
                    actor,
                    "triageassist-subgroup-validation.csv",
                    b"subgroup,sensitivity,specificity\nwomen,0.94,0.88\nmen,0.95,0.87\n"
                    b"over_75,0.91,0.85\n",
                    "Subgroup validation results (Art 9(6)-(8))",
                    risk_records=[risk],
                    systems=[triage],
                )
    recruit, new = _system(
        actor,
        created,
        "TalentLens Screening",
        {"role": "provider", "annex_iii_area": "4(a)", "performs_profiling": True, **eu},
        system_reference="TL 1.0",
        intended_purpose="Ranks job applications against a vacancy profile for recruiters.",
        components_and_functions="CV parser, skills matcher, ranking with reasons.",
        data_and_logic_description="Transformer-based matcher fine-tuned on anonymised "
        "historical hiring decisions, debiased by reweighting.",
        status="in_service",
        member_states=["DE"],
        conformity_assessment_route="annex_vi_internal_control",
    )
    if new:
        services.risk_record_create(
            actor=actor,
            system=recruit,
            hazard="Indirect discrimination through proxies for age or origin",
            likelihood="possible",
            severity="major",
            use_context="intended_use",
            affected_persons="Job applicants",
            fundamental_rights=["non_discrimination", "work"],
            mitigation="Proxy-feature audit; quarterly disparate-impact monitoring.",
            mitigation_type="control",
            residual_risk="low",
            owner=actor,
            status="accepted",
            next_review_on=date(2027, 3, 1),
        )
    _system(
        actor,
        created,
        "CV Formatter",
        {
            "role": "provider",
            "annex_iii_area": "4(a)",
            "art6_3_derogation_claimed": True,
            "art6_3_condition": "d",
            **eu,
        },
        intended_purpose="Converts CVs into the employer's standard template before a "
        "recruiter reads them; it neither scores nor ranks.",
        art6_3_conditions=["d"],
        art6_3_grounds_summary="A preparatory task (Art 6(3)(d)): the output is a reformatted "
        "document reviewed in full by a human; no profiling of natural persons.",
        status="on_market",
        member_states=["DE", "AT"],
    )
    _system(
        actor,
        created,
        "MoodMeter Workplace",
        {
            "role": "provider",
            "emotion_recognition": True,
            "emotion_recognition_setting": "workplace",
            **eu,
        },
        intended_purpose="Idea: infer call-centre staff emotions from voice to flag burnout.",
        internal_notes="Stopped in January 2025: emotion recognition in the workplace is "
        "prohibited by Art 5(1)(f). Never placed on the market.",
    )
    _system(
        actor,
        created,
        "Helios Patient Chat",
        {"role": "provider", "interacts_with_humans": True, **eu},
        intended_purpose="Answers patients' questions about appointments and preparation.",
        status="in_service",
        member_states=["DE"],
    )
    _system(
        actor,
        created,
        "MailGuard Spam Filter",
        {"role": "provider", **eu},
        intended_purpose="Filters spam from the company's mailboxes.",
        status="in_service",
    )
    _system(
        actor,
        created,
        "RadiologyAI CT Module",
        {
            "role": "provider",
            "annex_i_product": True,
            "annex_i_legislation": "Regulation (EU) 2017/745 (MDR)",
            "annex_i_third_party_conformity_assessment": True,
            "safety_component": True,
            **eu,
        },
        system_reference="RAI-CT 3",
        intended_purpose="Flags suspected intracranial haemorrhage on CT scans for radiologists.",
        conformity_assessment_route="sectoral_annex_i",
        certificate_type="sectoral",
        certificate_number="MDR 745/2026-0042",
        certificate_expiry_date=date(2031, 3, 31),
        notified_body_name="TÜV Demo Medical GmbH",
        notified_body_number="0123",
        status="on_market",
        member_states=["DE", "FR", "IT"],
    )
    if not QMSRecord.objects.exists():
        systems = list(AISystem.objects.filter(risk_tier="high_risk"))
        for aspect, title, approve in (
            ("a", "Regulatory-compliance strategy", True),
            ("d", "Test and validation procedure", True),
            ("g", "Risk-management procedure", True),
            ("h", "Post-market monitoring plan", False),
        ):
            record = services.qms_record_create(
                actor=actor,
                aspect=aspect,
                title=title,
                document_version="1.0",
                systems=systems,
                owner=actor,
                summary=f"{title} of Helios Diagnostics, covering its high-risk systems.",
                next_review_on=date(2027, 6, 30),
            )
            _evidence(
                actor,
                f"qms-{aspect}-{title.lower().replace(' ', '-')}.pdf",
                _pdf(title, "Helios Diagnostics GmbH quality-management system", "Version 1.0"),
                f"QMS ({aspect}): {title}",
                qms_records=[record],
            )
            if approve:
                services.qms_record_approve(actor=actor, qms_record=record)
        created.append("helios QMS records")


def _lindenburg(actor: User, created: list[str]) -> None:
    system, new = _system(
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
        _evidence(
            actor,
            "fria-benefits-fraud-risk-scoring.pdf",
            _pdf("Fundamental-rights impact assessment (Art 27)", "City of Lindenburg"),
            "FRIA, Benefits Fraud Risk Scoring",
            systems=[system],
            risk_records=[risk],
        )
        _evidence(
            actor,
            "dpia-summary.md",
            b"# DPIA summary\n\nIncome, household and payment data; retention 2 years.\n",
            "DPIA summary (GDPR Art 35)",
            systems=[system],
        )


def _nimbus(actor: User, created: list[str]) -> None:
    large = GPAIModel.objects.filter(name="Nimbus Large").first()
    if large is None:
        large = services.gpai_model_create(
            actor=actor, name="Nimbus Large", model_family="Nimbus", description="Frontier model."
        )
        services.gpai_model_version_create(
            actor=actor,
            model=large,
            version="3.0",
            documentation_version="1.2",
            documentation_updated_on=date(2026, 9, 1),
            release_date=date(2026, 3, 10),
            union_release_date=date(2026, 3, 10),
            architecture="Decoder-only mixture-of-experts transformer with 64 experts.",
            parameter_count=1_200_000_000_000,
            parameter_range="over_1t",
            input_modalities=["text", "image", "audio"],
            output_modalities=["text"],
            distribution_channels=["api", "software_suite"],
            licence="Proprietary",
            monetised=True,
            training_compute_flops=3.1e25,
            training_time="3_6_months",
            training_energy_mwh=21000.0,
            threshold_known_on=date(2025, 11, 20),
            art52_notified_on=date(2025, 11, 28),
            documentation={
                "provider_legal_name": "Nimbus Intelligence Inc.",
                "acceptable_use_policy": "https://nimbus.example/aup",
                "data_provenance": ["web_crawl", "licensed", "synthetic"],
            },
        )
        created.append("GPAI model Nimbus Large")
    small = GPAIModel.objects.filter(name="Nimbus Small").first()
    if small is None:
        small = services.gpai_model_create(
            actor=actor, name="Nimbus Small", model_family="Nimbus", description="Open weights."
        )
        services.gpai_model_version_create(
            actor=actor,
            model=small,
            version="2.0",
            release_date=date(2025, 6, 1),
            union_release_date=date(2025, 6, 1),
            parameter_count=7_000_000_000,
            parameter_range="5b_15b",
            input_modalities=["text"],
            output_modalities=["text"],
            distribution_channels=["open_source_repository"],
            licence="Apache-2.0",
            open_source=True,
            training_compute_flops=8.0e23,
        )
        created.append("GPAI model Nimbus Small")
    if not GPAIModelVersion.objects.filter(model=large).exists():
        return
    if CodeOfPracticeSignatureChange.objects.exists():
        return
    signer = {"signatory_name": "Morgan Lee", "signatory_authority": "Chief Executive Officer"}
    steps: list[Callable[[], Any]] = [
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="safety_security",
            status="signed",
            status_date=date(2025, 7, 30),
            public_statement_url="https://nimbus.example/code-of-practice",
            models_covered=[large],
            **signer,
        ),
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="copyright",
            status="signed",
            status_date=date(2025, 7, 30),
            **signer,
        ),
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="transparency",
            status="declined",
            status_date=date(2025, 7, 31),
            notes="Art 53(1)(a)-(b) shown by alternative adequate means.",
        ),
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="copyright",
            status="withdrawn",
            status_date=date(2026, 1, 15),
            notes="Withdrawn after the crawler policy changed.",
            **signer,
        ),
        lambda: services.cop_signature_set(
            actor=actor,
            chapter="copyright",
            status="declined",
            status_date=date(2026, 2, 1),
            notes="Art 53(1)(c) shown by the published copyright policy instead.",
        ),
    ]
    for step in steps:
        step()
    created.append("nimbus Code of Practice signatures")


SEEDERS: dict[str, Callable[[User, list[str]], None]] = {
    "helios": _helios,
    "lindenburg": _lindenburg,
    "nimbus": _nimbus,
}


def seed_workspace_demo() -> list[str]:
    """Fill the demo organisations' workspaces; returns what was created."""
    created: list[str] = []
    for slug, seeder in SEEDERS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        actor = _owner(organisation)
        with tenant_context(organisation):
            seeder(actor, created)
    return created
