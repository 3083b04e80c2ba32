"""Risk-tier assessment, in the order of ai-act.md section 4.7.

Art 5 first (a prohibited practice wins whatever else is true), then the GPAI model branch, then
high-risk via Art 6(1) and via Art 6(2)/Annex III (with the Art 6(3) derogation and its profiling
override), then the Art 50 transparency triggers, else minimal risk.  The Art 2 scope exclusions
(contract 2's ``out_of_scope``) come before everything; the Art 2(12) open-source exclusion can only
be decided at the end, because it depends on the tier.

Explanation sentences are ``%``-templates with named parameters (``explain``), so that the
Django layer can translate them; a parameter that is itself prose is a ``Phrase``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .enums import (
    AnnexIIIArea,
    AnnexISection,
    Art50Exception,
    EmotionRecognitionSetting,
    OutOfScope,
    ProhibitedPractice,
    RemoteBiometricIdentification,
    RiskTier,
    Role,
    TransparencyTrigger,
)
from .facts import ART25_ROLES, Facts
from .result import ExplanationStep, Phrase, Step

# Art 51(2): presumed high-impact capabilities when training compute is "greater than 10^25".
SYSTEMIC_RISK_FLOPS = Decimal(10) ** 25


# Annex I Section B acts (Art 2(2)), by the number the contract lists them with.
SECTION_B_ACTS = re.compile(
    r"(?<![\d/])(300/2008|167/2013|168/2013|2018/858|2018/1139|2019/2144|2014/90|2016/797)(?!\d)"
)


def explain(step: Step, citation: str, template: str, **params: str) -> ExplanationStep:
    text = template % params if params else template
    return ExplanationStep(
        step=step.value,
        citation=citation,
        text=text,
        template=template,
        params=tuple(sorted(params.items())),
    )


@dataclass(slots=True)
class Assessment:
    """What the tier steps found; ``duties`` and ``deadlines`` derive the rest from it."""

    tier: RiskTier = RiskTier.MINIMAL_RISK
    # The role the duties follow: the respondent's, unless Art 25(1) made it the provider.
    role: Role | None = None
    out_of_scope: str | None = None
    practices: tuple[ProhibitedPractice, ...] = ()
    real_time_rbi_exception: bool = False
    systemic_risk: bool = False
    # Art 51(1)(a): the compute presumption (the only route that owes the Art 52(1) notification).
    compute_presumption: bool = False
    open_source_exempt: bool = False
    art6_1: bool = False
    # Art 2(2): an Art 6(1) system in an Annex I Section B product.
    section_b_only: bool = False
    # Art 25(3): the product manufacturer of a Section A product with an AI safety component.
    art25_3: bool = False
    annex_iii_area: AnnexIIIArea | None = None
    annex_iii_high_risk: bool = False
    derogation_valid: bool = False
    restricted_49_4: bool = False
    triggers: tuple[TransparencyTrigger, ...] = ()
    steps: list[ExplanationStep] = field(default_factory=list)


def assess(facts: Facts) -> Assessment:
    result = Assessment(role=facts.role)
    if facts.out_of_scope is not None:
        _art_2(facts.out_of_scope, result)
        return result
    _art_5(facts, result)
    if result.practices:
        result.tier = RiskTier.PROHIBITED
        return result
    if facts.is_gpai_model:
        _gpai(facts, result)
        return result
    _art_6_1(facts, result)
    _annex_iii(facts, result)
    falls_under_art_50 = _art_50(facts, result)
    if result.art6_1 or result.annex_iii_high_risk:
        result.tier = RiskTier.HIGH_RISK
    elif result.triggers:
        result.tier = RiskTier.LIMITED_RISK_TRANSPARENCY
    if facts.open_source_release and result.tier is not RiskTier.HIGH_RISK:
        _art_2_12(facts, result, falls_under_art_50)
    if facts.becomes_provider_art25 is not None and facts.role in ART25_ROLES:
        _art_25(facts, result)
    return result


_SCOPE_TEXT = {
    OutOfScope.MILITARY_DEFENCE_NATIONAL_SECURITY: "The system is placed on the market, put into "
    "service or used exclusively for military, defence or national-security purposes, so the "
    "Regulation does not apply to it.",
    OutOfScope.SCIENTIFIC_RESEARCH_ONLY: "The system is developed and put into service for the sole "
    "purpose of scientific research and development, so the Regulation does not apply to it.",
    OutOfScope.RESEARCH_TESTING_BEFORE_MARKET: "Research, testing and development before the system "
    "is placed on the market or put into service is outside the Regulation; testing in real-world "
    "conditions is not, and needs the Art 60 safeguards.",
    OutOfScope.PERSONAL_NON_PROFESSIONAL: "A natural person using the system in a purely personal, "
    "non-professional activity is not a deployer, so the Regulation sets no duty for this use.",
}


def _art_2(reason: OutOfScope, result: Assessment) -> None:
    # Contract 2: scope comes first and wins over every tier; Art 5 included, because a use the
    # Regulation does not reach cannot be a practice it prohibits.
    result.tier = RiskTier.OUT_OF_SCOPE
    result.out_of_scope = reason.citation
    citation = reason.citation
    if reason is OutOfScope.RESEARCH_TESTING_BEFORE_MARKET:
        citation += ", Art 60"
    result.steps.append(explain(Step.ART_2, citation, _SCOPE_TEXT[reason]))


def _art_2_12(facts: Facts, result: Assessment, falls_under_art_50: bool) -> None:
    """Art 2(12): a free and open-source system is outside the Regulation unless it is high-risk
    or falls under Art 5 or Art 50 (the caller has ruled out high-risk and Art 5)."""
    if falls_under_art_50:
        result.steps.append(
            explain(
                Step.ART_2,
                "Art 2(12)",
                "The free and open-source release does not take the system out of the "
                "Regulation, because it falls under Art 50.",
            )
        )
        return
    if facts.monetised:
        result.steps.append(
            explain(
                Step.ART_2,
                "Art 2(12), recital 103",
                "The system is monetised, so, following recital 103, it is not treated as "
                "released under a free and open-source licence and stays in scope.",
            )
        )
        return
    result.tier = RiskTier.OUT_OF_SCOPE
    result.out_of_scope = "Art 2(12)"
    result.derogation_valid = False
    result.steps.append(
        explain(
            Step.ART_2,
            "Art 2(12)",
            "The system is released under a free and open-source licence and is neither "
            "high-risk nor under Art 5 or Art 50, so the Regulation does not apply to it.",
        )
    )


_ART25_TEXT = {
    "own_name_or_trademark": "The %(role)s puts its name or trademark on a high-risk system, so "
    "it becomes its provider, with the provider's obligations and registration.",
    "substantial_modification": "The %(role)s makes a substantial modification to a high-risk "
    "system that remains high-risk, so it becomes its provider, with the provider's obligations "
    "and registration.",
    "changed_intended_purpose": "The %(role)s changes the intended purpose of a system so that it "
    "becomes high-risk, so it becomes its provider, with the provider's obligations and "
    "registration.",
}


def _art_25(facts: Facts, result: Assessment) -> None:
    change = facts.becomes_provider_art25
    assert change is not None and facts.role is not None
    role = Phrase(facts.role.value.replace("_", " "))
    if result.tier is RiskTier.HIGH_RISK:
        result.role = Role.PROVIDER
        result.steps.append(
            explain(
                Step.ART_25,
                f"{change.citation}, Art 25(2)",
                _ART25_TEXT[change.value],
                role=role,
            )
        )
        return
    result.steps.append(
        explain(
            Step.ART_25,
            change.citation,
            "Art 25(1) makes the %(role)s a provider only of a high-risk system; this system is "
            "not high-risk, so the role stays as it is.",
            role=role,
        )
    )


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
        if facts.role is not None and facts.role is not Role.DEPLOYER:
            # Art 5(1)(h) forbids the use, unlike points (a)-(g), which also forbid placing on
            # the market: the provider's system is an Annex III 1(a) high-risk system.
            steps.append(
                explain(
                    Step.ART_5,
                    "Art 5(1)(h)",
                    "Art 5(1)(h) prohibits the use of real-time remote biometric identification "
                    "in publicly accessible spaces for law enforcement, not placing such a system "
                    "on the market: for the %(role)s it is a high-risk system under Annex III "
                    "1(a).",
                    role=Phrase(facts.role.value.replace("_", " ")),
                )
            )
        elif exception is not None:
            result.real_time_rbi_exception = True
            steps.append(
                explain(
                    Step.ART_5,
                    f"Art {exception.value}, Art 5(2)",
                    "Real-time remote biometric identification in publicly accessible spaces for "
                    "law enforcement is allowed only under the invoked exception "
                    "%(exception)s, "
                    "with prior authorisation, a fundamental-rights impact assessment and "
                    "registration.",
                    exception=exception.value,
                )
            )
        else:
            found.append(ProhibitedPractice.REAL_TIME_RBI_LAW_ENFORCEMENT)
    result.practices = tuple(found)
    if found:
        citations = ", ".join(practice.citation for practice in found)
        if found == [ProhibitedPractice.REAL_TIME_RBI_LAW_ENFORCEMENT]:
            template = (
                "The use is prohibited by %(citations)s, as no exception of Art 5(1)(h) is invoked."
            )
        else:
            template = (
                "The system engages in a practice prohibited by %(citations)s, so it may not be "
                "placed on the market, put into service or used."
            )
        steps.append(explain(Step.ART_5, citations, template, citations=citations))
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
    result.compute_presumption = by_compute
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
        citation = "Art 53(2), Art 54(6)"
        if result.systemic_risk:
            text = "The open-source exemptions never apply to a model with systemic risk."
        elif facts.monetised:
            # Art 53(2) does not mention monetisation; recitals 103 and 104 do, and we follow them
            # (docs/decisions/0007-rules-engine-contract-2.md), saying so in the explanation.
            text = (
                "The open-source exemptions do not apply because the model is monetised: Art "
                "53(2) itself does not say so, recitals 103 and 104 do, and the portal follows "
                "them."
            )
            citation += ", recitals 103 and 104"
        else:
            result.open_source_exempt = True
            text = (
                "The free and open-source release exempts the provider from Art 53(1)(a) and (b) "
                "and from appointing an authorised representative."
            )
        steps.append(explain(Step.GPAI, citation, text))
    steps.append(
        explain(
            Step.GPAI,
            "Art 3(63), Art 3(66)",
            "A general-purpose AI model is classified on its own; AI systems built on it are "
            "classified separately.",
        )
    )
    result.tier = RiskTier.GPAI_SYSTEMIC_RISK if result.systemic_risk else RiskTier.GPAI


def _annex_i_section(facts: Facts, result: Assessment) -> AnnexISection:
    """The Annex I section of the product's legislation: the fact, else recognised from the act's
    number (contract 2), else Section A, and the explanation says which."""
    if facts.annex_i_section is not None:
        return facts.annex_i_section
    match = SECTION_B_ACTS.search(facts.annex_i_legislation or "")
    if match:
        result.steps.append(
            explain(
                Step.ART_6_1,
                "Art 2(2), Annex I Section B",
                "The legislation named (%(act)s) is listed in Annex I Section B.",
                act=match.group(1),
            )
        )
        return AnnexISection.B
    result.steps.append(
        explain(
            Step.ART_6_1,
            "Annex I Section A",
            "No Annex I Section B act is named, so the product is taken to fall under Section A.",
        )
    )
    return AnnexISection.A


def _art_6_1(facts: Facts, result: Assessment) -> None:
    product = facts.annex_i_product
    third_party = facts.annex_i_third_party_conformity_assessment
    result.art6_1 = product and third_party
    subject = Phrase("a safety component of a product" if facts.safety_component else "a product")
    legislation = f" ({facts.annex_i_legislation})" if facts.annex_i_legislation else ""
    if result.art6_1:
        template = (
            "The system is %(subject)s covered by Annex I legislation%(legislation)s that "
            "requires a third-party conformity assessment, so both Art 6(1) conditions are met."
        )
    elif product:
        template = (
            "The system is %(subject)s covered by Annex I legislation%(legislation)s, but that "
            "legislation requires no third-party conformity assessment, so Art 6(1)(b) is not met."
        )
    else:
        result.steps.append(
            explain(
                Step.ART_6_1,
                "Art 6(1), Annex I",
                "The system is not a product or safety component under Annex I legislation.",
            )
        )
        return
    result.steps.append(
        explain(
            Step.ART_6_1,
            "Art 6(1), Annex I",
            template,
            subject=subject,
            legislation=legislation,
        )
    )
    if not result.art6_1:
        return
    section = _annex_i_section(facts, result)
    if section is AnnexISection.B:
        result.section_b_only = True
        result.steps.append(
            explain(
                Step.ART_6_1,
                "Art 2(2)",
                "For a high-risk system in an Annex I Section B product only Art 6(1), Arts "
                "102 to 109 and Art 112 apply, so this Regulation sets it no obligations of its "
                "own; the sectoral legislation takes its requirements into account.",
            )
        )
    elif facts.safety_component:
        # Art 25(3) names safety components of Section A products only; software that is itself
        # the product (a medical-device app) makes its manufacturer a provider under Art 3(3).
        result.art25_3 = True


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
                    "The biometric function described in the facts falls under %(area)s.",
                    area=area.citation,
                )
            )
    else:
        steps.append(
            explain(
                Step.ANNEX_III,
                f"Art 6(2), {area.citation}",
                "The intended purpose falls under %(area)s.",
                area=area.citation,
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
        if facts.art6_3_derogation_claimed:
            template = (
                "The system profiles natural persons, so it is always high-risk despite the "
                "claimed derogation."
            )
        else:
            template = "The system profiles natural persons, so it is always high-risk."
        steps.append(explain(Step.ART_6_3, "Art 6(3) last subparagraph", template))
    elif facts.art6_3_derogation_claimed and condition is not None:
        result.derogation_valid = True
        steps.append(
            explain(
                Step.ART_6_3,
                f"{condition.citation}, Art 6(4), Art 49(2)",
                "The provider's derogation under %(condition)s applies, so the system is "
                "not high-risk, but the assessment must be documented and registered in Section B.",
                condition=condition.citation,
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


def _art_50(facts: Facts, result: Assessment) -> bool:
    """Set the Art 50 triggers left after the exceptions; True when the system falls under Art 50
    at all (before exceptions), which is what Art 2(12) asks."""
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
    triggered = tuple(trigger for trigger in TransparencyTrigger if trigger in found)
    if triggered:
        citations = ", ".join(trigger.citation for trigger in triggered)
        result.steps.append(
            explain(
                Step.ART_50,
                citations,
                "The transparency obligations of %(citations)s are triggered.",
                citations=citations,
            )
        )
    else:
        result.steps.append(
            explain(Step.ART_50, "Art 50", "No Art 50 transparency trigger applies.")
        )
    found -= _art_50_exceptions(facts, found, result)
    result.triggers = tuple(trigger for trigger in TransparencyTrigger if trigger in found)
    return bool(triggered)


def _art_50_exceptions(
    facts: Facts, found: set[TransparencyTrigger], result: Assessment
) -> set[TransparencyTrigger]:
    """The triggers an Art 50 exception lifts; an exception without its trigger changes nothing."""
    exceptions = set(facts.art50_exceptions)
    lifted: set[TransparencyTrigger] = set()
    steps = result.steps
    if Art50Exception.LAW_ENFORCEMENT_AUTHORISED in exceptions and found:
        # Every paragraph of Art 50 has the exception for uses authorised by law to detect,
        # prevent, investigate or prosecute criminal offences (50(1) unless the public can use
        # the system to report a crime).
        lifted |= found
        citations = ", ".join(t.citation for t in TransparencyTrigger if t in found)
        steps.append(
            explain(
                Step.ART_50,
                citations,
                "The use is authorised by law to detect, prevent, investigate or prosecute "
                "criminal offences, so %(citations)s do not apply (for Art 50(1), unless the "
                "public can use the system to report a criminal offence).",
                citations=citations,
            )
        )
        return lifted
    if (
        Art50Exception.OBVIOUS_FROM_CONTEXT in exceptions
        and TransparencyTrigger.INTERACTION in found
    ):
        lifted.add(TransparencyTrigger.INTERACTION)
        steps.append(
            explain(
                Step.ART_50,
                "Art 50(1)",
                "It is obvious from the context to a reasonably well-informed person that they "
                "are interacting with an AI system, so Art 50(1) does not apply.",
            )
        )
    if (
        Art50Exception.ASSISTIVE_OR_STANDARD_EDITING in exceptions
        and TransparencyTrigger.SYNTHETIC_CONTENT in found
    ):
        lifted.add(TransparencyTrigger.SYNTHETIC_CONTENT)
        steps.append(
            explain(
                Step.ART_50,
                "Art 50(2)",
                "The system performs an assistive function for standard editing or does not "
                "substantially alter the input data, so the Art 50(2) marking does not apply.",
            )
        )
    if TransparencyTrigger.DEEPFAKE_OR_PUBLIC_INTEREST_TEXT in found:
        text_excepted = (
            Art50Exception.HUMAN_EDITORIAL_CONTROL in exceptions
            and facts.publishes_ai_text_on_public_interest
        )
        if text_excepted:
            steps.append(
                explain(
                    Step.ART_50,
                    "Art 50(4) second subparagraph",
                    "The AI-generated text has undergone human review or editorial control and "
                    "a person holds editorial responsibility for it, so its disclosure is not "
                    "required.",
                )
            )
            if not facts.generates_deepfakes:
                lifted.add(TransparencyTrigger.DEEPFAKE_OR_PUBLIC_INTEREST_TEXT)
        if Art50Exception.ARTISTIC_SATIRICAL_FICTIONAL in exceptions and facts.generates_deepfakes:
            steps.append(
                explain(
                    Step.ART_50,
                    "Art 50(4) first subparagraph",
                    "The deep fake is part of an evidently artistic, creative, satirical or "
                    "fictional work, so the disclosure is limited to the existence of generated "
                    "or manipulated content, in a way that does not hamper the work.",
                )
            )
    return lifted
