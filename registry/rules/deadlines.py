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
    # The obligations that bind at all; the rest were lifted by a transitional rule.
    binding: tuple[str, ...] = ()
    steps: list[ExplanationStep] = field(default_factory=list)


def _transitional_date(facts: Facts) -> date | None:
    """The placing date that counts for the Art 111 transitional rules.

    Art 111(1)-(3) relieve systems and models that "have been placed" on the market: a date that
    is only planned does not establish that, so it is ignored here.  A date without a status is
    taken as stated fact.
    """
    if facts.date_status is DateStatus.PLANNED:
        return None
    return facts.placed_on_market_date


def _for_public_authorities(facts: Facts, assessment: Assessment) -> bool:
    # Art 111(2) second sentence; a public-body deployer shows the system is used by one.
    return facts.intended_for_public_authorities or (
        assessment.role is Role.DEPLOYER and facts.organisation_type in PUBLIC_BODIES
    )


def _is_art_5(ref: str) -> bool:
    return ref.startswith("Art 5(")


def _binds_legacy(ref: str, assessment: Assessment) -> bool:
    """What still binds a legacy system under Art 111(2): Art 5, and for a use under a 5(1)(h)
    exception the FRIA and registration that Art 5(2) makes its conditions."""
    if _is_art_5(ref):
        return True
    return assessment.real_time_rbi_exception and (ref == "Art 27" or ref.startswith("Art 49("))


def compliance_deadline(
    facts: Facts, assessment: Assessment, obligations: tuple[str, ...], calendar: LegalCalendar
) -> Deadline:
    result = Deadline(binding=obligations)
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
        result.binding = ()
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
            "Under the %(calendar)s calendar the obligations bind from %(date)s.",
            calendar=calendar.name.value,
            date=deadline.isoformat(),
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
                "The model was placed on the market before %(cutoff)s, so it has until "
                "%(deadline)s to comply.",
                cutoff=cutoff.isoformat(),
                deadline=calendar.date(Milestone.GPAI_LEGACY_DEADLINE).isoformat(),
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
    # The Art 5(2)-(7) conditions on using an exception are Chapter II: they bind from the
    # prohibitions date in every calendar, and Art 111 never defers Art 5 (Art 111(1)-(2)).
    chapter_ii = [Milestone.PROHIBITIONS] if any(_is_art_5(ref) for ref in obligations) else []
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
        if assessment.art6_1 and not assessment.section_b_only:
            regime.append(Milestone.ANNEX_I_HIGH_RISK)
    elif assessment.derogation_valid and any(not ref.startswith("Art 50(") for ref in obligations):
        regime.append(Milestone.ART_6_3_REGISTRATION)
    annex_x_cutoff = calendar.date(Milestone.ANNEX_X_LEGACY_CUTOFF)
    if (
        facts.annex_x_system
        and placed is not None
        and placed < annex_x_cutoff
        and (regime or transparency)
    ):
        # Art 111(1); Art 111(2) expressly leaves these systems to paragraph 1.
        deadline = calendar.date(Milestone.ANNEX_X_LEGACY_DEADLINE)
        result.steps.append(
            explain(
                Step.ART_111,
                calendar.citation(Milestone.ANNEX_X_LEGACY_DEADLINE),
                "The system is a component of a large-scale IT system listed in Annex X and was "
                "placed on the market or put into service before %(cutoff)s, so it must comply "
                "by %(deadline)s.",
                cutoff=annex_x_cutoff.isoformat(),
                deadline=deadline.isoformat(),
            )
        )
        milestones = [*chapter_ii, Milestone.ANNEX_X_LEGACY_DEADLINE]
        return [(calendar.date(milestone), milestone) for milestone in milestones]
    cutoff = calendar.date(Milestone.HIGH_RISK_LEGACY_CUTOFF)
    legacy = bool(regime) and placed is not None and placed < cutoff
    if legacy:
        # Art 111(2) covers "operators of high-risk AI systems" as a whole, so it defers their Art
        # 50 duties too.  It is applied a fortiori to Art 6(3) systems (a lesser-risk Annex III
        # system cannot owe more than a high-risk one), but only to their Section B duty
        # (docs/decisions/0007-rules-engine-contract-2.md).
        whole_operator = assessment.tier is RiskTier.HIGH_RISK
        params = {"cutoff": cutoff.isoformat()}
        if facts.significant_design_change_after_2026_08_02:
            template = (
                "The system was placed before %(cutoff)s but has since undergone a "
                "significant design change, so the Regulation applies to it."
            )
        elif _for_public_authorities(facts, assessment):
            regime = [Milestone.PUBLIC_AUTHORITY_LEGACY_DEADLINE]
            if whole_operator:
                transparency = [Milestone.PUBLIC_AUTHORITY_LEGACY_DEADLINE]
            template = (
                "The system was placed before %(cutoff)s and is intended for public "
                "authorities, so it must comply by %(deadline)s."
            )
            params["deadline"] = calendar.date(
                Milestone.PUBLIC_AUTHORITY_LEGACY_DEADLINE
            ).isoformat()
        else:
            regime = []
            lifted = [ref for ref in obligations if not _binds_legacy(ref, assessment)]
            if whole_operator:
                transparency = []
            else:
                lifted = [ref for ref in lifted if not ref.startswith("Art 50(")]
            result.binding = tuple(ref for ref in obligations if ref not in lifted)
            result.legacy_exempt = True
            template = (
                "The system was placed before %(cutoff)s and has had no significant "
                "design change, so only Art 5 applies to it."
            )
        result.steps.append(
            explain(
                Step.ART_111,
                calendar.citation(Milestone.HIGH_RISK_LEGACY_CUTOFF),
                template,
                **params,
            )
        )
    return [
        (calendar.date(milestone), milestone) for milestone in chapter_ii + regime + transparency
    ]
