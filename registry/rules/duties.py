"""The respondent's own duties for its role: obligations list and EU-database registration.

Obligation references are written ``Art N``, ``Art N(x)`` or ``Art N(x)(y)`` (contract) and are
sorted by article, so the same facts always give the same list.  The universal Art 4 AI-literacy
duty is left out (contract).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .enums import (
    AnnexIIIArea,
    OrganisationType,
    RegistrationSection,
    RegistrationVisibility,
    RemoteBiometricIdentification,
    RiskTier,
    Role,
    TransparencyTrigger,
)
from .facts import Facts
from .result import Phrase
from .tiers import Assessment

# Art 25(3): the product manufacturer is the provider of the AI system in its product; when it
# answers for an Annex III system it has placed under its own name, Art 25(1)(a) gives the same.
PROVIDER_ROLES = (Role.PROVIDER, Role.PRODUCT_MANUFACTURER)
PUBLIC_BODIES = (OrganisationType.PUBLIC_AUTHORITY, OrganisationType.EU_INSTITUTION)

# Art 50(1)-(2) bind providers, Art 50(3)-(4) bind deployers.
PROVIDER_TRIGGERS = (TransparencyTrigger.INTERACTION, TransparencyTrigger.SYNTHETIC_CONTENT)
DEPLOYER_TRIGGERS = (
    TransparencyTrigger.EMOTION_OR_BIOMETRIC_CATEGORISATION,
    TransparencyTrigger.DEEPFAKE_OR_PUBLIC_INTEREST_TEXT,
)

# Arts 8-21: Chapter III Section 2 requirements and the Art 16-21 provider duties.
HIGH_RISK_PROVIDER_CORE = tuple(f"Art {n}" for n in range(8, 22))
GPAI_BASE = ("Art 53(1)(a)", "Art 53(1)(b)", "Art 53(1)(c)", "Art 53(1)(d)")
GPAI_OPEN_SOURCE = ("Art 53(1)(c)", "Art 53(1)(d)")
GPAI_SYSTEMIC = ("Art 55(1)(a)", "Art 55(1)(b)", "Art 55(1)(c)", "Art 55(1)(d)")


@dataclass(frozen=True, slots=True)
class Registration:
    must_register: bool
    section: RegistrationSection | None
    visibility: RegistrationVisibility | None
    reason: str
    citation: str
    # The parameters of ``reason``, a %-template (see tiers.explain).
    params: tuple[tuple[str, str], ...] = ()


NO_REGISTRATION_CITATION = "Art 49, Art 71(1)"


def _where(assessment: Assessment) -> tuple[tuple[str, str], ...]:
    if assessment.restricted_49_4:
        return (("where", Phrase("the secure non-public section of the EU database")),)
    return (("where", Phrase("the public EU database")),)


def _visibility(assessment: Assessment) -> RegistrationVisibility:
    if assessment.restricted_49_4:
        return RegistrationVisibility.RESTRICTED_49_4
    return RegistrationVisibility.PUBLIC


def _public_deployer(facts: Facts, assessment: Assessment) -> bool:
    """Art 49(3) public-body deployers, and Art 5(2) law-enforcement users of real-time RBI."""
    return facts.organisation_type in PUBLIC_BODIES or assessment.real_time_rbi_exception


def registration_duty(facts: Facts, assessment: Assessment) -> Registration:
    role = assessment.role
    area = assessment.annex_iii_area
    tier = assessment.tier
    if tier is RiskTier.OUT_OF_SCOPE:
        return Registration(
            False,
            None,
            None,
            "Nothing is registered for a system outside the scope of the Regulation.",
            assessment.out_of_scope or "Art 2",
        )
    if tier in (RiskTier.GPAI, RiskTier.GPAI_SYSTEMIC_RISK):
        return Registration(
            False,
            None,
            None,
            "General-purpose AI models are not registered in the EU database; systemic risk is "
            "notified to the Commission instead.",
            "Art 52(1), Art 71(1)",
        )
    if tier is RiskTier.PROHIBITED or area is None:
        return Registration(
            False,
            None,
            None,
            "Only Annex III systems, high-risk or exempted under Art 6(3), are registered in the "
            "EU database.",
            NO_REGISTRATION_CITATION,
        )
    provider_side = role in PROVIDER_ROLES or role is Role.AUTHORISED_REPRESENTATIVE
    visibility = _visibility(assessment)
    if assessment.derogation_valid:
        # Art 49(2) has no point-2 carve-out, so a derogated critical-infrastructure system is
        # registered in Section B of the EU database like any other.
        if provider_side:
            return Registration(
                True,
                RegistrationSection.B,
                visibility,
                "The provider side registers the Art 6(3) system under Section B in %(where)s.",
                "Art 49(2), Annex VIII Section B"
                + (", Art 49(4)" if assessment.restricted_49_4 else ""),
                _where(assessment),
            )
        return Registration(
            False,
            None,
            None,
            "Only the provider or its authorised representative registers an Art 6(3) system.",
            "Art 49(2)",
        )
    point_2 = area is AnnexIIIArea.CRITICAL_INFRASTRUCTURE
    if provider_side:
        if point_2:
            return Registration(
                False,
                None,
                RegistrationVisibility.NATIONAL,
                "Critical-infrastructure systems are registered at national level, not in the "
                "EU database.",
                "Art 49(5), Annex III 2",
            )
        return Registration(
            True,
            RegistrationSection.A,
            visibility,
            "The provider side registers itself and the system under Section A in %(where)s.",
            "Art 49(1), Annex VIII Section A"
            + (", Art 49(4)" if assessment.restricted_49_4 else ""),
            _where(assessment),
        )
    if role is Role.DEPLOYER and _public_deployer(facts, assessment) and not point_2:
        return Registration(
            True,
            RegistrationSection.C,
            visibility,
            "The public-authority deployer registers its use of the system under Section C in "
            "%(where)s.",
            "Art 49(3), Art 26(8), Annex VIII Section C"
            + (", Art 49(4)" if assessment.restricted_49_4 else ""),
            _where(assessment),
        )
    return Registration(
        False,
        None,
        None,
        "This role has no registration duty of its own; the provider registers the system.",
        "Art 49(1), Art 49(3)",
    )


def _transparency(role: Role | None, assessment: Assessment) -> list[str]:
    if role in PROVIDER_ROLES:
        owed = PROVIDER_TRIGGERS
    elif role is Role.DEPLOYER:
        owed = DEPLOYER_TRIGGERS
    else:
        return []
    return [trigger.citation for trigger in assessment.triggers if trigger in owed]


def _gpai(facts: Facts, assessment: Assessment) -> list[str]:
    role = assessment.role
    exempt = assessment.open_source_exempt
    if role in PROVIDER_ROLES:
        refs = list(GPAI_OPEN_SOURCE if exempt else GPAI_BASE)
        provider_in_eu = facts.provider_established_in_eu or facts.respondent_established_in_eu
        if not provider_in_eu and not exempt:
            refs.append("Art 54(1)")
        if assessment.systemic_risk:
            refs += GPAI_SYSTEMIC
        if assessment.compute_presumption:
            # Art 52(1): notifying the Commission is owed for the Art 51(1)(a) presumption; a
            # model the Commission designated (Art 51(1)(b)) is already known to it.
            refs.append("Art 52(1)")
        return refs
    if role is Role.AUTHORISED_REPRESENTATIVE and not exempt:
        return ["Art 54(3)"]
    # Chapter V binds model providers only; deployers and traders of a model owe nothing here.
    return []


def _registration_refs(registration: Registration, assessment: Assessment) -> list[str]:
    refs: list[str] = []
    if registration.section is RegistrationSection.A:
        refs.append("Art 49(1)")
    elif registration.section is RegistrationSection.B:
        refs.append("Art 49(2)")
    elif registration.section is RegistrationSection.C:
        refs.append("Art 49(3)")
    elif registration.visibility is RegistrationVisibility.NATIONAL:
        refs.append("Art 49(5)")
    if registration.section is not None and assessment.restricted_49_4:
        refs.append("Art 49(4)")
    return refs


def fria_reason(facts: Facts, assessment: Assessment) -> str | None:
    """The citation that makes this deployer owe a fundamental-rights impact assessment, if any."""
    if assessment.real_time_rbi_exception:
        # Art 5(2): the FRIA precedes any use under a 5(1)(h) exception, whoever the deployer is.
        return "Art 5(2), Art 27(1)"
    area = assessment.annex_iii_area
    if area is None or area.point == 2 or not assessment.annex_iii_high_risk:
        return None
    if area in (AnnexIIIArea.CREDITWORTHINESS, AnnexIIIArea.LIFE_HEALTH_INSURANCE):
        return f"Art 27(1), {area.citation}"
    if facts.organisation_type in PUBLIC_BODIES or facts.provides_public_services:
        return "Art 27(1)"
    return None


def _high_risk(facts: Facts, assessment: Assessment, registration: Registration) -> list[str]:
    role = assessment.role
    area = assessment.annex_iii_area
    refs: list[str] = []
    if assessment.section_b_only and not assessment.annex_iii_high_risk:
        # Art 2(2): none of this Regulation's operator duties reach a Section B product.
        return []
    if role in PROVIDER_ROLES:
        refs += HIGH_RISK_PROVIDER_CORE
        if assessment.annex_iii_high_risk and area is not None:
            refs.append("Art 43(1)" if area.point == 1 else "Art 43(2)")
        if assessment.art6_1 and not assessment.section_b_only:
            refs.append("Art 43(3)")
            if role is Role.PRODUCT_MANUFACTURER and assessment.art25_3:
                refs.append("Art 25(3)")
        refs += ["Art 47", "Art 48", "Art 72", "Art 73"]
        if not (facts.provider_established_in_eu or facts.respondent_established_in_eu):
            refs.append("Art 22(1)")
    elif role is Role.AUTHORISED_REPRESENTATIVE:
        refs.append("Art 22(3)")
    elif role is Role.IMPORTER:
        refs.append("Art 23")
    elif role is Role.DISTRIBUTOR:
        refs.append("Art 24")
    elif role is Role.DEPLOYER:
        refs.append("Art 26")
        if fria_reason(facts, assessment) is not None:
            refs.append("Art 27")
        if (
            facts.remote_biometric_identification is RemoteBiometricIdentification.POST
            and facts.used_for_law_enforcement
        ):
            refs.append("Art 26(10)")
        if assessment.real_time_rbi_exception:
            refs += ["Art 5(2)", "Art 5(3)", "Art 5(4)"]
    refs += _registration_refs(registration, assessment)
    return refs


def obligations(
    facts: Facts, assessment: Assessment, registration: Registration
) -> tuple[str, ...]:
    """The article references binding this role for this tier (not yet dated, see deadlines)."""
    tier = assessment.tier
    role = assessment.role
    if tier is RiskTier.OUT_OF_SCOPE:
        return ()
    if tier is RiskTier.PROHIBITED:
        # Art 5 binds every operator whatever its role.
        return tuple(practice.citation for practice in assessment.practices)
    if tier in (RiskTier.GPAI, RiskTier.GPAI_SYSTEMIC_RISK):
        return sort_refs(_gpai(facts, assessment))
    refs: list[str] = []
    if tier is RiskTier.HIGH_RISK:
        refs += _high_risk(facts, assessment, registration)
    elif assessment.derogation_valid:
        if role in PROVIDER_ROLES:
            refs.append("Art 6(4)")
        refs += _registration_refs(registration, assessment)
    if not (assessment.section_b_only and not assessment.annex_iii_high_risk):
        # Art 2(2) leaves Art 50 out for Section B products too.
        refs += _transparency(role, assessment)
    return sort_refs(refs)


def _ref_key(ref: str) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    article, *parts = re.findall(r"\d+|[a-z]+", ref.removeprefix("Art "))
    return int(article), tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def sort_refs(refs: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(refs), key=_ref_key))
