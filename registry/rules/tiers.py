"""Risk-tier assessment, in the order of ai-act.md section 4.7.

Art 5 first (a prohibited practice wins whatever else is true), then the GPAI model branch, then
high-risk via Art 6(1) and via Art 6(2)/Annex III (with the Art 6(3) derogation and its profiling
override), then the Art 50 transparency triggers, else minimal risk.  Scope exclusions of Art 2
(step 1 of section 4.7) have no facts in the contract, so nothing is excluded here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .enums import (
    AnnexIIIArea,
    EmotionRecognitionSetting,
    ProhibitedPractice,
    RemoteBiometricIdentification,
    RiskTier,
    TransparencyTrigger,
)
from .facts import Facts
from .result import ExplanationStep, Step

# Art 51(2): presumed high-impact capabilities when training compute is "greater than 10^25".
SYSTEMIC_RISK_FLOPS = Decimal(10) ** 25


def explain(step: Step, citation: str, text: str) -> ExplanationStep:
    return ExplanationStep(step=step.value, citation=citation, text=text)


@dataclass(slots=True)
class Assessment:
    """What the tier steps found; ``duties`` and ``deadlines`` derive the rest from it."""

    tier: RiskTier = RiskTier.MINIMAL_RISK
    practices: tuple[ProhibitedPractice, ...] = ()
    real_time_rbi_exception: bool = False
    systemic_risk: bool = False
    open_source_exempt: bool = False
    art6_1: bool = False
    annex_iii_area: AnnexIIIArea | None = None
    annex_iii_high_risk: bool = False
    derogation_valid: bool = False
    restricted_49_4: bool = False
    triggers: tuple[TransparencyTrigger, ...] = ()
    steps: list[ExplanationStep] = field(default_factory=list)


def assess(facts: Facts) -> Assessment:
    result = Assessment()
    _art_5(facts, result)
    if result.practices:
        result.tier = RiskTier.PROHIBITED
        return result
    if facts.is_gpai_model:
        _gpai(facts, result)
        return result
    _art_6_1(facts, result)
    _annex_iii(facts, result)
    _art_50(facts, result)
    if result.art6_1 or result.annex_iii_high_risk:
        result.tier = RiskTier.HIGH_RISK
    elif result.triggers:
        result.tier = RiskTier.LIMITED_RISK_TRANSPARENCY
    return result


def _art_5(facts: Facts, result: Assessment) -> None:
    found: list[ProhibitedPractice] = []
    steps = result.steps
    if facts.manipulative_or_exploitative_techniques:
        # The contract folds (a) manipulation and (b) exploitation of vulnerabilities into one fact.
        found += [
            ProhibitedPractice.MANIPULATION,
            ProhibitedPractice.EXPLOITATION_OF_VULNERABILITIES,
        ]
    if facts.social_scoring:
        found.append(ProhibitedPractice.SOCIAL_SCORING)
    if facts.criminal_risk_prediction_solely_profiling:
        found.append(ProhibitedPractice.CRIMINAL_RISK_SOLELY_PROFILING)
    if facts.untargeted_facial_image_scraping:
        found.append(ProhibitedPractice.UNTARGETED_FACIAL_SCRAPING)
    if facts.emotion_recognition and facts.emotion_recognition_setting in (
        EmotionRecognitionSetting.WORKPLACE,
        EmotionRecognitionSetting.EDUCATION,
    ):
        if facts.medical_or_safety_purpose:
            steps.append(
                explain(
                    Step.ART_5,
                    "Art 5(1)(f)",
                    "Emotion recognition in the workplace or in education is not prohibited "
                    "because it is used for medical or safety reasons.",
                )
            )
        else:
            found.append(ProhibitedPractice.EMOTION_RECOGNITION_WORK_EDUCATION)
    if facts.biometric_categorisation and facts.infers_sensitive_attributes:
        if facts.used_for_law_enforcement:
            # Art 5(1)(g) last sentence: categorising biometric data in law enforcement is carved
            # out of the ban; it stays high-risk under Annex III 1(b).
            steps.append(
                explain(
                    Step.ART_5,
                    "Art 5(1)(g)",
                    "Biometric categorisation by sensitive attributes in the area of law "
                    "enforcement is excluded from the Art 5(1)(g) prohibition.",
                )
            )
        else:
            found.append(ProhibitedPractice.SENSITIVE_BIOMETRIC_CATEGORISATION)
    if (
        facts.remote_biometric_identification is RemoteBiometricIdentification.REAL_TIME
        and facts.publicly_accessible_space
        and facts.used_for_law_enforcement
    ):
        exception = facts.art5_exception_invoked
        if exception is not None:
            result.real_time_rbi_exception = True
            steps.append(
                explain(
                    Step.ART_5,
                    f"Art {exception.value}, Art 5(2)",
                    "Real-time remote biometric identification in publicly accessible spaces for "
                    "law enforcement is allowed only under the invoked exception "
                    f"{exception.value}, "
                    "with prior authorisation, a fundamental-rights impact assessment and "
                    "registration.",
                )
            )
        else:
            found.append(ProhibitedPractice.REAL_TIME_RBI_LAW_ENFORCEMENT)
    result.practices = tuple(found)
    if found:
        citations = ", ".join(practice.citation for practice in found)
        steps.append(
            explain(
                Step.ART_5,
                citations,
                f"The system engages in a practice prohibited by {citations}, so it may not be "
                "placed on the market, put into service or used.",
            )
        )
    elif not steps:
        steps.append(
            explain(Step.ART_5, "Art 5(1)", "None of the practices prohibited by Art 5(1) applies.")
        )


def _above_threshold(training_flops: float | None) -> bool:
    if training_flops is None:
        return False
    # Decimal(str(x)) keeps the figure the user wrote: 1e25 is not "greater than 10^25".
    if isinstance(training_flops, float):
        return Decimal(str(training_flops)) > SYSTEMIC_RISK_FLOPS
    return Decimal(training_flops) > SYSTEMIC_RISK_FLOPS


def _gpai(facts: Facts, result: Assessment) -> None:
    steps = result.steps
    by_compute = _above_threshold(facts.training_flops)
    designated = facts.commission_designated_systemic_risk
    result.systemic_risk = by_compute or designated
    if by_compute:
        steps.append(
            explain(
                Step.GPAI,
                "Art 51(1)(a), Art 51(2)",
                "The general-purpose AI model was trained with more than 10^25 FLOPs, so it is "
                "presumed to have high-impact capabilities and systemic risk.",
            )
        )
    if designated:
        steps.append(
            explain(
                Step.GPAI,
                "Art 51(1)(b), Art 52(4), Annex XIII",
                "The Commission has designated the model as a general-purpose AI model with "
                "systemic risk.",
            )
        )
    if not result.systemic_risk:
        steps.append(
            explain(
                Step.GPAI,
                "Art 3(63), Art 51",
                "The subject is a general-purpose AI model without systemic risk: training "
                "compute does not exceed 10^25 FLOPs and there is no Commission designation.",
            )
        )
    if facts.open_source_release:
        if result.systemic_risk:
            text = "The open-source exemptions never apply to a model with systemic risk."
        elif facts.monetised:
            # Recital 103: a monetised model is not "free and open-source" for the exemption.
            text = "The open-source exemptions do not apply because the model is monetised."
        else:
            result.open_source_exempt = True
            text = (
                "The free and open-source release exempts the provider from Art 53(1)(a) and (b) "
                "and from appointing an authorised representative."
            )
        steps.append(explain(Step.GPAI, "Art 53(2), Art 54(6)", text))
    steps.append(
        explain(
            Step.GPAI,
            "Art 3(63), Art 3(66)",
            "A general-purpose AI model is classified on its own; AI systems built on it are "
            "classified separately.",
        )
    )
    result.tier = RiskTier.GPAI_SYSTEMIC_RISK if result.systemic_risk else RiskTier.GPAI


def _art_6_1(facts: Facts, result: Assessment) -> None:
    product = facts.annex_i_product
    third_party = facts.annex_i_third_party_conformity_assessment
    result.art6_1 = product and third_party
    subject = "a safety component of a product" if facts.safety_component else "a product"
    legislation = f" ({facts.annex_i_legislation})" if facts.annex_i_legislation else ""
    if result.art6_1:
        text = (
            f"The system is {subject} covered by Annex I legislation{legislation} that requires "
            "a third-party conformity assessment, so both Art 6(1) conditions are met."
        )
    elif product:
        text = (
            f"The system is {subject} covered by Annex I legislation{legislation}, but that "
            "legislation requires no third-party conformity assessment, so Art 6(1)(b) is not met."
        )
    else:
        text = "The system is not a product or safety component under Annex I legislation."
    result.steps.append(explain(Step.ART_6_1, "Art 6(1), Annex I", text))


def _inferred_annex_iii_area(facts: Facts) -> AnnexIIIArea | None:
    """Annex III point 1 is defined by function, so biometric facts imply it (where lawful)."""
    if facts.remote_biometric_identification is not RemoteBiometricIdentification.NONE:
        return AnnexIIIArea.BIOMETRIC_RBI
    if facts.biometric_categorisation and facts.infers_sensitive_attributes:
        return AnnexIIIArea.BIOMETRIC_CATEGORISATION
    if facts.emotion_recognition:
        return AnnexIIIArea.EMOTION_RECOGNITION
    return None


def _annex_iii(facts: Facts, result: Assessment) -> None:
    steps = result.steps
    area = facts.annex_iii_area
    if area is None:
        area = _inferred_annex_iii_area(facts)
        if area is not None:
            steps.append(
                explain(
                    Step.ANNEX_III,
                    f"Art 6(2), {area.citation}",
                    f"The biometric function described in the facts falls under {area.citation}.",
                )
            )
    else:
        steps.append(
            explain(
                Step.ANNEX_III,
                f"Art 6(2), {area.citation}",
                f"The intended purpose falls under {area.citation}.",
            )
        )
    if area is None:
        steps.append(explain(Step.ANNEX_III, "Art 6(2), Annex III", "No Annex III use case."))
        return
    result.annex_iii_area = area
    # Art 49(4): points 6 and 7 are law enforcement and migration by definition; point 1 only when
    # used in those areas.
    result.restricted_49_4 = area.point in (6, 7) or (
        area.point == 1
        and (facts.used_for_law_enforcement or facts.used_for_migration_asylum_border)
    )
    condition = facts.art6_3_condition
    if facts.performs_profiling:
        result.annex_iii_high_risk = True
        claim = " despite the claimed derogation" if facts.art6_3_derogation_claimed else ""
        steps.append(
            explain(
                Step.ART_6_3,
                "Art 6(3) last subparagraph",
                f"The system profiles natural persons, so it is always high-risk{claim}.",
            )
        )
    elif facts.art6_3_derogation_claimed and condition is not None:
        result.derogation_valid = True
        steps.append(
            explain(
                Step.ART_6_3,
                f"{condition.citation}, Art 6(4), Art 49(2)",
                f"The provider's derogation under {condition.citation} applies, so the system is "
                "not high-risk, but the assessment must be documented and registered in Section B.",
            )
        )
    elif facts.art6_3_derogation_claimed:
        result.annex_iii_high_risk = True
        steps.append(
            explain(
                Step.ART_6_3,
                "Art 6(3)",
                "The derogation is claimed without any of the conditions (a) to (d), so the "
                "system remains high-risk.",
            )
        )
    else:
        result.annex_iii_high_risk = True


def _art_50(facts: Facts, result: Assessment) -> None:
    found: set[TransparencyTrigger] = set()
    if facts.interacts_with_humans:
        found.add(TransparencyTrigger.INTERACTION)
    # A system that produces deep fakes or public-interest text generates synthetic content, so its
    # provider also owes the Art 50(2) marking.
    if (
        facts.generates_synthetic_content
        or facts.generates_deepfakes
        or facts.publishes_ai_text_on_public_interest
    ):
        found.add(TransparencyTrigger.SYNTHETIC_CONTENT)
    if facts.emotion_recognition or facts.biometric_categorisation:
        found.add(TransparencyTrigger.EMOTION_OR_BIOMETRIC_CATEGORISATION)
    if facts.generates_deepfakes or facts.publishes_ai_text_on_public_interest:
        found.add(TransparencyTrigger.DEEPFAKE_OR_PUBLIC_INTEREST_TEXT)
    result.triggers = tuple(trigger for trigger in TransparencyTrigger if trigger in found)
    if result.triggers:
        citations = ", ".join(trigger.citation for trigger in result.triggers)
        text = f"The transparency obligations of {citations} are triggered."
    else:
        citations, text = "Art 50", "No Art 50 transparency trigger applies."
    result.steps.append(explain(Step.ART_50, citations, text))
