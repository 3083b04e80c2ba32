"""``classify``: facts in, a ``Classification`` out, per classification-contract.md.

Pure and deterministic: no clock, no I/O beyond the calendar files read at import, and every
collection in the result is built in a fixed order, so the same facts and calendar always give
the same result and explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .deadlines import compliance_deadline
from .duties import Registration, obligations, registration_duty
from .enums import RiskTier
from .facts import Facts, parse_facts
from .legal_calendar import get_calendar, get_default_calendar
from .result import Classification, ExplanationStep, Step
from .tiers import assess, explain
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
    if deadline.legacy_exempt:
        registration = Registration(
            False,
            None,
            None,
            "No registration is due while the legacy system stays outside the Regulation.",
            "Art 111(2)",
        )
    steps = list(assessment.steps)
    steps.append(explain(Step.RISK_TIER, assessment.tier.citation, _TIER_TEXT[assessment.tier]))
    steps.append(explain(Step.REGISTRATION, registration.citation, registration.reason))
    steps.append(_obligations_step(parsed, refs))
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


def _obligations_step(facts: Facts, refs: tuple[str, ...]) -> ExplanationStep:
    role = facts.role.value.replace("_", " ") if facts.role is not None else "unspecified role"
    if refs:
        text = f"For the {role}, the tier-specific obligations are {', '.join(refs)}."
        return explain(Step.OBLIGATIONS, ", ".join(refs), text)
    return explain(
        Step.OBLIGATIONS,
        "Art 4",
        f"The {role} has no tier-specific obligations beyond the universal AI-literacy duty.",
    )
