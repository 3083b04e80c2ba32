"""Sample filing snapshots for tests, the render benchmark and demo data.

``sample_snapshot()`` returns a plausible, complete Section A filing (13 Annex VIII items, a
high-risk classification with 10 explanation steps, 10 risks, the 13 Art 17(1) QMS aspects and
10 evidence files). Keyword arguments change it:

- ``kind``: any of ``SNAPSHOT_KINDS``; B and C use their own Annex VIII items, the GPAI and Code
  of Practice kinds get their own item lists and ``section: None``.
- ``restricted=True``: an Art 49(4) filing; the withheld items are marked and left empty.
- ``risk_rows`` / ``evidence_rows`` / ``explanation_steps``: list lengths (a 50-page filing is
  ``risk_rows=400``).
- Any top-level snapshot key (``filing``, ``organisation``, ``subject``, ``registration``,
  ``classification``, ``risk_summary``, ``qms_summary``, ``evidence``): a dict is merged into
  the default one level deep, anything else replaces it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from registry.rules.annex_viii import AnnexVIIIItem, items_for

from .canonical import SNAPSHOT_KINDS, SNAPSHOT_SCHEMA_VERSION

_FIELD_VALUES: dict[str, Any] = {
    "provider_name": "Acme Recruiting Technologies GmbH",
    "provider_address": "Friedrichstraße 123\n10117 Berlin\nGermany",
    "provider_contact_details": "compliance@acme.example, +49 30 1234567",
    "submitter_name": "Dana Müller",
    "submitter_address": "Friedrichstraße 123, 10117 Berlin, Germany",
    "submitter_contact_details": "dana.mueller@acme.example",
    "authorised_representative_name": None,
    "authorised_representative_address": None,
    "authorised_representative_contact_details": None,
    "trade_name": "HireRank",
    "system_reference": "HireRank 4.2 (build 2026.03, UDI-like ref HR-42-2026)",
    "intended_purpose": (
        "Ranks applications for advertised positions so that recruiters review the most "
        "relevant candidates first. Not intended for automated rejection."
    ),
    "components_and_functions": (
        "CV parser; skills taxonomy matcher; gradient-boosted ranking model; reviewer UI with "
        "per-candidate explanations; audit log."
    ),
    "data_and_logic_description": (
        "Inputs: CV text and the job advertisement. A gradient-boosted model scores the match "
        "between extracted skills and the requirements; protected attributes are removed "
        "before scoring."
    ),
    "status": "on_market",
    "certificate_type": None,
    "certificate_number": None,
    "certificate_expiry_date": None,
    "notified_body_name": None,
    "notified_body_number": None,
    "certificate_scan": None,
    "member_states": ["AT", "DE", "FR", "NL"],
    "declaration_of_conformity": "EU declaration of conformity HR-DoC-2026-03 (sha256 4f1c…)",
    "instructions_for_use": "https://acme.example/hirerank/instructions-for-use-v4.2.pdf",
    "additional_information_url": "https://acme.example/hirerank/ai-act",
    "art6_3_conditions": ["a", "d"],
    "art6_3_grounds_summary": (
        "The system only checks that application forms are complete and routes them; it does "
        "not assess candidates."
    ),
    "deployer_name": "Bundesagentur für Beispiele",
    "deployer_address": "Regensburger Straße 104, 90478 Nürnberg, Germany",
    "deployer_contact_details": "ki-register@beispiele.example",
    "provider_entry_url": "https://ai-act-database.ec.europa.eu/entries/EU-AI-2026-000041",
    "fria_summary": (
        "Risks to applicants' right to non-discrimination were assessed; human review of every "
        "ranking and a complaint channel mitigate them."
    ),
    "dpia_summary": "DPIA under GDPR Art 35 completed on 2026-02-10; residual risk low.",
}

_GPAI_ITEMS: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {
    "gpai_art52_notification": [
        ("N1", "Provider", "Art 52(1)", {"provider_name": "Acme Models SE"}),
        ("N2", "Model", "Art 52(1)", {"model_name": "Acme-LM 3", "model_version": "3.0"}),
        ("N3", "Threshold met", "Art 51(1)(a), Art 51(2)", {"training_flops": 3.2e25}),
        ("N4", "Date the threshold was met", "Art 52(1)", {"threshold_met_on": "2026-01-15"}),
    ],
    "gpai_model_documentation": [
        ("D1", "General description", "Annex XI point 1", {"description": "A 70B decoder."}),
        ("D2", "Training data", "Annex XI point 2(c)", {"data_summary": "Public web, licensed."}),
        ("D3", "Compute", "Annex XI point 2(d)", {"training_flops": 3.2e25, "energy_mwh": 1200}),
    ],
    "gpai_training_summary": [
        (
            "T1",
            "General information",
            "Art 53(1)(d)",
            {"modalities": ["text"], "size_text": "2T tokens"},
        ),
        (
            "T2",
            "List of data sources",
            "Art 53(1)(d)",
            {"crawlers": ["AcmeBot"], "top_domains": ["example.org"]},
        ),
        (
            "T3",
            "Data-processing aspects",
            "Art 53(1)(d)",
            {"opt_out_measures": "robots.txt honoured."},
        ),
    ],
    "cop_signatory_declaration": [
        ("S1", "Signatory", "Art 56", {"signatory_name": "Acme Models SE"}),
        ("S2", "Chapters signed", "Art 56(3)", {"chapters": ["transparency", "copyright"]}),
    ],
}

_STEPS: list[tuple[str, str, str]] = [
    ("art_5", "Art 5(1)", "No prohibited practice applies to ranking job applications."),
    ("gpai", "Art 3(63)", "The subject is an AI system, not a general-purpose AI model."),
    ("art_6_1", "Art 6(1), Annex I", "The system is not a safety component of an Annex I product."),
    ("annex_iii", "Art 6(2), Annex III 4(a)", "Recruitment and selection is an Annex III use."),
    ("art_6_3", "Art 6(3)", "No derogation is claimed; the system profiles natural persons."),
    ("art_50", "Art 50(1)", "The reviewer UI does not interact with applicants directly."),
    ("risk_tier", "Art 6(2)", "The system is high-risk."),
    ("registration", "Art 49(1), Annex VIII Section A", "The provider registers in Section A."),
    ("obligations", "Art 8-17, Art 43, Art 47-49, Art 72-73", "Provider duties apply."),
    ("compliance_deadline", "Art 113", "The high-risk obligations apply from 2 August 2026."),
]

_QMS_ASPECTS: list[tuple[str, str]] = [
    ("a", "Strategy for regulatory compliance"),
    ("b", "Design, design control and design verification"),
    ("c", "Development, quality control and quality assurance"),
    ("d", "Examination, test and validation procedures"),
    ("e", "Technical specifications and standards applied"),
    ("f", "Systems and procedures for data management"),
    ("g", "Risk management system (Art 9)"),
    ("h", "Post-market monitoring system (Art 72)"),
    ("i", "Reporting of serious incidents (Art 73)"),
    ("j", "Communication with authorities and other parties"),
    ("k", "Record-keeping of documentation and information"),
    ("l", "Resource management, including security of supply"),
    ("m", "Accountability framework"),
]


def sample_snapshot(
    *,
    kind: str = "annex_viii_a",
    restricted: bool = False,
    risk_rows: int = 10,
    evidence_rows: int = 10,
    explanation_steps: int = 10,
    **overrides: Any,
) -> dict[str, Any]:
    if kind not in SNAPSHOT_KINDS:
        raise ValueError(f"Unknown kind {kind!r}; expected one of {', '.join(SNAPSHOT_KINDS)}")
    section = kind[-1].upper() if kind.startswith("annex_viii_") else None
    snapshot: dict[str, Any] = {
        "schema_version": SNAPSHOT_SCHEMA_VERSION,
        "kind": kind,
        "filing": {
            "reference": "7d0f3a52-1c4e-4b8e-9a3f-2a1f5e6b7c80",
            "registration_number": "EU-AI-2026-000042",
            "version": 1,
            "previous_version_sha256": None,
            "submitted_at": "2026-03-12T14:05:00Z",
            "submitted_by": "Dana Müller <dana.mueller@acme.example>",
            "restricted": restricted,
        },
        "organisation": {
            "legal_name": "Acme Recruiting Technologies GmbH",
            "slug": "acme",
            "country": "DE",
            "organisation_type": "private_company",
            "vat_number": "DE123456789",
            "euid": "DEB1234.HRB987654",
            "lei": "5299001234567890AB12",
            "address": "Friedrichstraße 123, 10117 Berlin, Germany",
            "contact_name": "Dana Müller",
            "contact_email": "dana.mueller@acme.example",
        },
        "subject": {
            "type": "ai_system" if section else "gpai_model",
            "id": "c3b1e0de-5a9f-4f0e-8d77-0e4b1f2a9c11",
            "name": "HireRank" if section else "Acme-LM 3",
        },
        "registration": {
            "section": section,
            "items": (
                [_annex_item(item, restricted) for item in items_for(section)]
                if section
                else [
                    {
                        "code": code,
                        "title": title,
                        "citation": citation,
                        "fields": fields,
                        "withheld_from_public": False,
                    }
                    for code, title, citation, fields in _GPAI_ITEMS[kind]
                ]
            ),
        },
        "classification": _classification(section, explanation_steps) if section else None,
        "risk_summary": [_risk(index) for index in range(risk_rows)],
        "qms_summary": [
            {
                "aspect": aspect,
                "title": title,
                "document_version": f"QMS-{aspect.upper()}-v{index % 3 + 1}.{index % 4}",
                "approved_at": f"2026-02-{index + 1:02d}",
            }
            for index, (aspect, title) in enumerate(_QMS_ASPECTS)
        ],
        "evidence": [_evidence(index) for index in range(evidence_rows)],
    }
    for key, value in overrides.items():
        if key not in snapshot:
            raise TypeError(f"sample_snapshot() got an unknown snapshot key {key!r}")
        if isinstance(value, dict) and isinstance(snapshot[key], dict):
            snapshot[key] = {**snapshot[key], **value}
        else:
            snapshot[key] = value
    return snapshot


def _annex_item(item: AnnexVIIIItem, restricted: bool) -> dict[str, Any]:
    # Art 49(4): in a restricted filing the withheld items are not given (and A12 must not be).
    withheld = restricted and item.withheld_49_4
    return {
        "code": item.code,
        "title": item.title,
        "citation": item.citation,
        "fields": {name: None if withheld else _FIELD_VALUES.get(name) for name in item.fields},
        "withheld_from_public": withheld,
    }


def _classification(section: str, steps: int) -> dict[str, Any]:
    explanation = [
        {"step": step, "citation": citation, "text": text}
        for step, citation, text in (_STEPS * (steps // len(_STEPS) + 1))[:steps]
    ]
    return {
        "risk_tier": "high_risk",
        "transparency_triggers": [],
        "must_register_eu_database": True,
        "registration_section": section,
        "registration_visibility": "public",
        "obligations": ["Art 9", "Art 10", "Art 11", "Art 12", "Art 13", "Art 14", "Art 15"]
        + ["Art 16", "Art 17", "Art 43(2)", "Art 47", "Art 48", "Art 49(1)", "Art 72"],
        "compliance_deadline": "2026-08-02",
        "calendar": "original_2024_1689",
        "ruleset_version": "2026.03.1",
        "explanation": explanation,
    }


def _risk(index: int) -> dict[str, Any]:
    hazards = [
        "Indirect discrimination against older applicants",
        "Over-reliance of recruiters on the ranking (automation bias)",
        "CV parsing errors for non-Latin scripts",
        "Model drift after changes in the job market",
        "Leak of applicant data through explanations",
    ]
    levels = ["low", "medium", "high"]
    return {
        "hazard": f"R{index + 1:03d} {hazards[index % len(hazards)]}",
        "likelihood": levels[index % 3],
        "severity": levels[(index + 1) % 3],
        "residual_risk": levels[index % 2],
        "status": "mitigated" if index % 4 else "monitoring",
        "mitigation": (
            "Quarterly bias audit on held-out data; reviewer training; "
            f"threshold alert number {index + 1} in post-market monitoring."
        ),
    }


def _evidence(index: int) -> dict[str, Any]:
    names = [
        "technical-documentation.pdf",
        "eu-declaration-of-conformity.pdf",
        "risk-management-plan.pdf",
        "bias-audit-2026-q1.xlsx",
        "instructions-for-use.pdf",
    ]
    name = f"{index + 1:02d}-{names[index % len(names)]}"
    return {
        "name": name,
        "sha256": hashlib.sha256(name.encode()).hexdigest(),
        "size": 48_213 + index * 104_729,
        "content_type": "application/pdf" if name.endswith(".pdf") else "application/vnd.ms-excel",
    }
