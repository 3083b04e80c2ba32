"""Helios Diagnostics GmbH: an EU provider with a system in every risk tier."""

from __future__ import annotations

from datetime import date

from portal.accounts.models import User
from registry.workspace import services
from registry.workspace.demo.common import demo_system, evidence, pdf
from registry.workspace.models import AISystem, CodeOfPracticeSignature, QMSRecord

# The demo organisations carry no postal address (portal.demo), so the registrations give it.
HELIOS_ADDRESS = {"provider_address": "Invalidenstraße 117, 10115 Berlin, Germany"}


def seed_helios_code_of_practice(actor: User, created: list[str]) -> None:
    """Helios fine-tunes a general-purpose model for clinical text and declined the Code's
    Copyright chapter: it records how it shows Art 53(1)(c) compliance by other means."""
    if CodeOfPracticeSignature.objects.filter(chapter="copyright").exists():
        return
    services.cop_signature_set(
        actor=actor,
        chapter="copyright",
        status="declined",
        status_date=date(2025, 8, 15),
        alternative_means="Training uses only licensed clinical corpora under written "
        "agreements; no web crawling. Rights holders write via https://helios.example/legal.",
    )
    created.append("helios Code of Practice: Copyright declined, alternative means")


def seed_helios(actor: User, created: list[str]) -> None:
    eu = {"respondent_established_in_eu": True, "provider_established_in_eu": True}
    triage, new = demo_system(
        actor,
        created,
        "TriageAssist ED",
        {"role": "provider", "annex_iii_area": "5(d)", **eu},
        system_reference="TA-ED 2.1",
        **HELIOS_ADDRESS,
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
        doc = evidence(
            actor,
            "triageassist-declaration-of-conformity.pdf",
            pdf("EU declaration of conformity (Art 47, Annex V)", "TriageAssist ED 2.1"),
            "EU declaration of conformity, TriageAssist ED 2.1",
            systems=[triage],
        )
        ifu = evidence(
            actor,
            "triageassist-instructions-for-use.pdf",
            pdf("Instructions for use (Art 13)", "TriageAssist ED 2.1"),
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
                evidence(
                    actor,
                    "triageassist-subgroup-validation.csv",
                    b"subgroup,sensitivity,specificity\nwomen,0.94,0.88\nmen,0.95,0.87\n"
                    b"over_75,0.91,0.85\n",
                    "Subgroup validation results (Art 9(6)-(8))",
                    risk_records=[risk],
                    systems=[triage],
                )
    recruit, new = demo_system(
        actor,
        created,
        "TalentLens Screening",
        {"role": "provider", "annex_iii_area": "4(a)", "performs_profiling": True, **eu},
        system_reference="TL 1.0",
        **HELIOS_ADDRESS,
        intended_purpose="Ranks job applications against a vacancy profile for recruiters.",
        components_and_functions="CV parser, skills matcher, ranking with reasons.",
        data_and_logic_description="Transformer-based matcher fine-tuned on anonymised "
        "historical hiring decisions, debiased by reweighting.",
        status="in_service",
        member_states=["DE"],
        conformity_assessment_route="annex_vi_internal_control",
    )
    if new:
        services.ai_system_update(
            actor=actor,
            system=recruit,
            declaration_of_conformity=evidence(
                actor,
                "talentlens-declaration-of-conformity.pdf",
                pdf("EU declaration of conformity (Art 47, Annex V)", "TalentLens Screening 1.0"),
                "EU declaration of conformity, TalentLens Screening 1.0",
                systems=[recruit],
            ),
            instructions_for_use=evidence(
                actor,
                "talentlens-instructions-for-use.pdf",
                pdf("Instructions for use (Art 13)", "TalentLens Screening 1.0"),
                "Instructions for use, TalentLens Screening 1.0",
                systems=[recruit],
            ),
        )
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
    demo_system(
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
        **HELIOS_ADDRESS,
        art6_3_grounds_summary="A preparatory task (Art 6(3)(d)): the output is a reformatted "
        "document reviewed in full by a human; no profiling of natural persons.",
        status="on_market",
        member_states=["DE", "AT"],
    )
    demo_system(
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
    demo_system(
        actor,
        created,
        "Helios Patient Chat",
        {"role": "provider", "interacts_with_humans": True, **eu},
        intended_purpose="Answers patients' questions about appointments and preparation.",
        status="in_service",
        member_states=["DE"],
    )
    demo_system(
        actor,
        created,
        "MailGuard Spam Filter",
        {"role": "provider", **eu},
        intended_purpose="Filters spam from the company's mailboxes.",
        status="in_service",
    )
    demo_system(
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
        **HELIOS_ADDRESS,
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
            evidence(
                actor,
                f"qms-{aspect}-{title.lower().replace(' ', '-')}.pdf",
                pdf(title, "Helios Diagnostics GmbH quality-management system", "Version 1.0"),
                f"QMS ({aspect}): {title}",
                qms_records=[record],
            )
            if approve:
                services.qms_record_approve(actor=actor, qms_record=record)
        created.append("helios QMS records")
    seed_helios_code_of_practice(actor, created)
