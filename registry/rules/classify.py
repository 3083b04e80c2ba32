"""``classify``: facts in, a ``Classification`` out, per classification-contract.md.

Pure and deterministic: no clock, no I/O beyond the calendar files read at import, and every
collection in the result is built in a fixed order, so the same facts and calendar always give
the same result and explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .deadlines import compliance_deadline
from .duties import Registration, fria_reason, obligations, registration_duty
from .enums import RiskTier
from .facts import Facts, parse_facts
from .legal_calendar import get_calendar, get_default_calendar
from .result import Classification, ExplanationStep, Phrase, Step
from .tiers import Assessment, assess, explain
from .version import RULESET_VERSION

_TIER_TEXT = {
    RiskTier.PROHIBITED: "The primary risk tier is prohibited.",
    RiskTier.GPAI: "The primary risk tier is general-purpose AI model.",
    RiskTier.GPAI_SYSTEMIC_RISK: "The primary risk tier is general-purpose AI model with "
    "systemic risk.",
    RiskTier.HIGH_RISK: "The primary risk tier is high-risk.",
    RiskTier.LIMITED_RISK_TRANSPARENCY: "The primary risk tier is limited risk with transparency "
    "obligations.",
    RiskTier.MINIMAL_RISK: "The primary risk tier is minimal risk.",
    RiskTier.OUT_OF_SCOPE: "The system is outside the scope of the Regulation.",
}

_FRIA_TEXT = {
    "Art 5(2)": "A deployer using real-time remote biometric identification under an exception "
    "must first complete a fundamental-rights impact assessment, whatever its organisation type.",
    "Art 27(1)": "The deployer must carry out a fundamental-rights impact assessment before first "
    "use, as a body governed by public law, a private entity providing public services, or a "
    "deployer of an Annex III 5(b) or 5(c) system.",
}


def classify(facts: Mapping[str, Any] | Facts, *, calendar: str | None = None) -> Classification:
    """Classify an AI system or GPAI model for the respondent's role.

    Raises ``FactsError`` for unknown keys or bad values and ``CalendarError`` for an unknown
    calendar name; ``calendar=None`` uses ``get_default_calendar()``.
    """
    parsed = parse_facts(facts)
    legal_calendar = get_calendar(calendar if calendar is not None else get_default_calendar())
    assessment = assess(parsed)
    registration = registration_duty(parsed, assessment)
    refs = obligations(parsed, assessment, registration)
    deadline = compliance_deadline(parsed, assessment, refs, legal_calendar)
    # The list and the deadline never contradict each other: what a transitional rule lifts is
    # not listed (contract 2).
    refs = deadline.binding
    if deadline.legacy_exempt and not any(ref.startswith("Art 49(") for ref in refs):
        registration = Registration(
            False,
            None,
            None,
            "No registration is due while the legacy system stays outside the Regulation.",
            "Art 111(2)",
        )
    steps = list(assessment.steps)
    steps.append(explain(Step.RISK_TIER, assessment.tier.citation, _TIER_TEXT[assessment.tier]))
    steps.append(
        explain(
            Step.REGISTRATION,
            registration.citation,
            registration.reason,
            **dict(registration.params),
        )
    )
    fria = fria_reason(parsed, assessment)
    if fria is not None and "Art 27" in refs:
        steps.append(explain(Step.ART_27, fria, _FRIA_TEXT[fria.split(",")[0]]))
    steps.append(_obligations_step(assessment, refs))
    steps += deadline.steps
    return Classification(
        risk_tier=assessment.tier,
        transparency_triggers=assessment.triggers,
        must_register_eu_database=registration.must_register,
        registration_section=registration.section,
        registration_visibility=registration.visibility,
        obligations=refs,
        compliance_deadline=deadline.date,
        calendar=legal_calendar.name,
        ruleset_version=RULESET_VERSION,
        explanation=tuple(steps),
    )


def _obligations_step(assessment: Assessment, refs: tuple[str, ...]) -> ExplanationStep:
    role = Phrase(
        assessment.role.value.replace("_", " ")
        if assessment.role is not None
        else "unspecified role"
    )
    if refs:
        return explain(
            Step.OBLIGATIONS,
            ", ".join(refs),
            "For the %(role)s, the tier-specific obligations are %(refs)s.",
            role=role,
            refs=", ".join(refs),
        )
    return explain(
        Step.OBLIGATIONS,
        "Art 4",
        "The %(role)s has no tier-specific obligations beyond the universal AI-literacy duty.",
        role=role,
    )
