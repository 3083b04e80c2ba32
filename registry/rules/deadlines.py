"""The compliance deadline: when the listed obligations start to bind, after Art 111.

Dates come from the chosen legal calendar (data files), never from code.  Where obligations with
different dates apply, the earliest one is the deadline (ai-act.md section 10).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .duties import PUBLIC_BODIES
from .enums import DateStatus, RiskTier, Role
from .facts import Facts
from .legal_calendar import LegalCalendar, Milestone
from .result import ExplanationStep, Step
from .tiers import Assessment, explain


@dataclass(slots=True)
class Deadline:
    date: date | None = None
    # Art 111(2): a legacy high-risk system with no significant change is outside the Regulation.
    legacy_exempt: bool = False
    steps: list[ExplanationStep] = field(default_factory=list)


def _transitional_date(facts: Facts) -> date | None:
    """The placing date that counts for the Art 111 transitional rules.

    Art 111(2)-(3) relieve systems and models that "have been placed" on the market: a date that
    is only planned does not establish that, so it is ignored here.  A date without a status is
    taken as stated fact.
    """
    if facts.date_status is DateStatus.PLANNED:
        return None
    return facts.placed_on_market_date


def _for_public_authorities(facts: Facts) -> bool:
    # Art 111(2) second sentence; a public-body deployer shows the system is used by one.
    return facts.intended_for_public_authorities or (
        facts.role is Role.DEPLOYER and facts.organisation_type in PUBLIC_BODIES
    )


def compliance_deadline(
    facts: Facts, assessment: Assessment, obligations: tuple[str, ...], calendar: LegalCalendar
) -> Deadline:
    result = Deadline()
    if not obligations:
        result.steps.append(
            explain(
                Step.COMPLIANCE_DEADLINE,
                "Art 113",
                "No tier-specific obligation binds this respondent, so there is no compliance "
                "deadline.",
            )
        )
        return result
    placed = _transitional_date(facts)
    if facts.placed_on_market_date is not None and placed is None:
        result.steps.append(
            explain(
                Step.ART_111,
                "Art 111",
                "The placing date is only planned, so the transitional rules for systems already "
                "on the market are not applied.",
            )
        )
    candidates: list[tuple[date, Milestone]] = []
    tier = assessment.tier
    if tier is RiskTier.PROHIBITED:
        candidates.append((calendar.date(Milestone.PROHIBITIONS), Milestone.PROHIBITIONS))
    elif tier in (RiskTier.GPAI, RiskTier.GPAI_SYSTEMIC_RISK):
        candidates.append(_gpai(placed, calendar, result))
    else:
        candidates += _systems(facts, assessment, obligations, placed, calendar, result)
    if not candidates:
        result.steps.append(
            explain(
                Step.COMPLIANCE_DEADLINE,
                calendar.citation(Milestone.HIGH_RISK_LEGACY_CUTOFF),
                "Nothing binds this system until it undergoes a significant design change.",
            )
        )
        return result
    deadline, milestone = min(candidates)
    result.date = deadline
    result.steps.append(
        explain(
            Step.COMPLIANCE_DEADLINE,
            calendar.citation(milestone),
            f"Under the {calendar.name.value} calendar the obligations bind from "
            f"{deadline.isoformat()}.",
        )
    )
    return result


def _gpai(placed: date | None, calendar: LegalCalendar, result: Deadline) -> tuple[date, Milestone]:
    cutoff = calendar.date(Milestone.GPAI_LEGACY_CUTOFF)
    if placed is not None and placed < cutoff:
        result.steps.append(
            explain(
                Step.ART_111,
                calendar.citation(Milestone.GPAI_LEGACY_DEADLINE),
                f"The model was placed on the market before {cutoff.isoformat()}, so it has until "
                f"{calendar.date(Milestone.GPAI_LEGACY_DEADLINE).isoformat()} to comply.",
            )
        )
        return calendar.date(Milestone.GPAI_LEGACY_DEADLINE), Milestone.GPAI_LEGACY_DEADLINE
    return calendar.date(Milestone.GPAI_OBLIGATIONS), Milestone.GPAI_OBLIGATIONS


def _systems(
    facts: Facts,
    assessment: Assessment,
    obligations: tuple[str, ...],
    placed: date | None,
    calendar: LegalCalendar,
    result: Deadline,
) -> list[tuple[date, Milestone]]:
    transparency: list[Milestone] = []
    for ref in obligations:
        if not ref.startswith("Art 50("):
            continue
        legacy_cutoff = calendar.date(Milestone.TRANSPARENCY_50_2_LEGACY_CUTOFF)
        if ref == "Art 50(2)" and placed is not None and placed < legacy_cutoff:
            transparency.append(Milestone.TRANSPARENCY_50_2_LEGACY)
        else:
            transparency.append(Milestone.TRANSPARENCY)
    regime: list[Milestone] = []
    if assessment.tier is RiskTier.HIGH_RISK:
        if assessment.annex_iii_high_risk:
            regime.append(Milestone.ANNEX_III_HIGH_RISK)
        if assessment.art6_1:
            regime.append(Milestone.ANNEX_I_HIGH_RISK)
    elif assessment.derogation_valid and any(not ref.startswith("Art 50(") for ref in obligations):
        regime.append(Milestone.ART_6_3_REGISTRATION)
    cutoff = calendar.date(Milestone.HIGH_RISK_LEGACY_CUTOFF)
    legacy = bool(regime) and placed is not None and placed < cutoff
    if legacy:
        # Art 111(2) covers "operators of high-risk AI systems" as a whole, so it defers their Art
        # 50 duties too.  It is applied a fortiori to Art 6(3) systems (a lesser-risk Annex III
        # system cannot owe more than a high-risk one), but only to their Section B duty.
        whole_operator = assessment.tier is RiskTier.HIGH_RISK
        if facts.significant_design_change_after_2026_08_02:
            text = (
                f"The system was placed before {cutoff.isoformat()} but has since undergone a "
                "significant design change, so the Regulation applies to it."
            )
        elif _for_public_authorities(facts):
            regime = [Milestone.PUBLIC_AUTHORITY_LEGACY_DEADLINE]
            if whole_operator:
                transparency = [Milestone.PUBLIC_AUTHORITY_LEGACY_DEADLINE]
            text = (
                f"The system was placed before {cutoff.isoformat()} and is intended for public "
                "authorities, so it must comply by "
                f"{calendar.date(Milestone.PUBLIC_AUTHORITY_LEGACY_DEADLINE).isoformat()}."
            )
        else:
            regime = []
            if whole_operator:
                transparency = []
            result.legacy_exempt = True
            text = (
                f"The system was placed before {cutoff.isoformat()} and has had no significant "
                "design change, so only Art 5 applies to it."
            )
        result.steps.append(
            explain(Step.ART_111, calendar.citation(Milestone.HIGH_RISK_LEGACY_CUTOFF), text)
        )
    return [(calendar.date(milestone), milestone) for milestone in regime + transparency]
