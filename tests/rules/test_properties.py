"""Property tests over random fact sets (hypothesis)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from registry.rules import (
    CONTRACT_KEYS,
    FACT_KEYS,
    RULESET_VERSION,
    AnnexIIIArea,
    AnnexISection,
    Art5Exception,
    Art50Exception,
    Art63Condition,
    BecomesProviderArt25,
    Classification,
    DateStatus,
    EmotionRecognitionSetting,
    OrganisationType,
    OutOfScope,
    RegistrationSection,
    RegistrationVisibility,
    RemoteBiometricIdentification,
    RiskTier,
    Role,
    TransparencyTrigger,
    classify,
    list_calendars,
)
from registry.rules.facts import Facts

ENUMS: dict[str, Any] = {
    "role": Role,
    "organisation_type": OrganisationType,
    "annex_iii_area": AnnexIIIArea,
    "art6_3_condition": Art63Condition,
    "emotion_recognition_setting": EmotionRecognitionSetting,
    "remote_biometric_identification": RemoteBiometricIdentification,
    "art5_exception_invoked": Art5Exception,
    "date_status": DateStatus,
    "annex_i_section": AnnexISection,
    "out_of_scope": OutOfScope,
    "becomes_provider_art25": BecomesProviderArt25,
}
ART5_FLAGS = (
    "social_scoring",
    "criminal_risk_prediction_solely_profiling",
    "untargeted_facial_image_scraping",
    "manipulative_or_exploitative_techniques",
)
# Rare, so that most examples reach the later classification steps instead of stopping at Art 5.
RARE_FLAGS = (*ART5_FLAGS, "is_gpai_model", "emotion_recognition", "biometric_categorisation")
# Rare too: a scope exclusion ends the classification at its first step.
RARE_ENUMS = ("out_of_scope",)
REF = re.compile(r"^Art \d+(\([0-9a-z]+\)){0,2}$")
# database=None: no .hypothesis directory in the work tree; examples are cheap to regenerate.
EXAMPLES = settings(max_examples=150, deadline=None, database=None)
NEW_EXAMPLES = settings(max_examples=60, deadline=None, database=None)


def _value(key: str) -> st.SearchStrategy[Any]:
    if key in RARE_ENUMS:
        return st.sampled_from([None] * 5 + [m.value for m in ENUMS[key]])
    if key == "art50_exceptions":
        return st.lists(st.sampled_from([m.value for m in Art50Exception]), max_size=3)
    if key in ENUMS:
        return st.sampled_from([m.value for m in ENUMS[key]])
    if key == "training_flops":
        return st.one_of(
            st.sampled_from([1e23, 1e25, 10**25, 2e25, 1e26]),
            st.floats(min_value=0, max_value=1e27, allow_nan=False),
        )
    if key == "annex_i_legislation":
        return st.sampled_from(
            ["Regulation (EU) 2017/745", "Directive 2009/48/EC", "Regulation (EU) 2018/858"]
        )
    if key == "placed_on_market_date":
        return st.dates(min_value=date(2023, 1, 1), max_value=date(2031, 12, 31)).map(
            date.isoformat
        )
    if key in RARE_FLAGS:
        return st.sampled_from([False] * 7 + [True])
    return st.sampled_from([False, False, True])


def _lawful(facts: dict[str, Any]) -> dict[str, Any]:
    """Drop the combinations parse_facts refuses (Art 2(10) and Art 25(1) name their roles)."""
    facts = dict(facts)
    if facts.get("out_of_scope") == "personal_non_professional" and facts.get("role") not in (
        None,
        "deployer",
    ):
        facts.pop("out_of_scope")
    if facts.get("becomes_provider_art25") and facts.get("role") not in (
        None,
        "deployer",
        "importer",
        "distributor",
    ):
        facts.pop("becomes_provider_art25")
    return facts


facts_strategy = st.fixed_dictionaries(
    {}, optional={key: st.one_of(st.none(), _value(key)) for key in FACT_KEYS}
).map(_lawful)
calendars = st.sampled_from(list_calendars())


@EXAMPLES
@given(facts=facts_strategy, calendar=calendars)
def test_classify_is_deterministic_and_to_dict_round_trips(facts: dict, calendar: str) -> None:
    first = classify(facts, calendar=calendar)
    again = classify(dict(reversed(list(facts.items()))), calendar=calendar)
    assert first == again
    assert first.to_dict() == again.to_dict()
    assert Classification.from_dict(first.to_dict()) == first


@EXAMPLES
@given(facts=facts_strategy, calendar=calendars)
def test_contract_keys_and_allowed_values_always_hold(facts: dict, calendar: str) -> None:
    data = classify(facts, calendar=calendar).to_dict()
    assert tuple(data) == CONTRACT_KEYS
    assert data["risk_tier"] in {t.value for t in RiskTier}
    assert set(data["transparency_triggers"]) <= {t.value for t in TransparencyTrigger}
    assert data["transparency_triggers"] == sorted(set(data["transparency_triggers"]))
    assert isinstance(data["must_register_eu_database"], bool)
    assert data["registration_section"] in {None, *(s.value for s in RegistrationSection)}
    assert data["registration_visibility"] in {None, *(v.value for v in RegistrationVisibility)}
    assert all(REF.match(ref) for ref in data["obligations"])
    assert len(set(data["obligations"])) == len(data["obligations"])
    assert "Art 4" not in data["obligations"]
    deadline = data["compliance_deadline"]
    assert deadline is None or date.fromisoformat(deadline) >= date(2025, 2, 2)
    assert data["calendar"] == calendar
    assert data["ruleset_version"] == RULESET_VERSION
    assert data["explanation"] and all(s["text"] for s in data["explanation"])
    # A registration duty always names its section; national registration is never EU.
    assert data["must_register_eu_database"] == (data["registration_section"] is not None)
    if data["registration_visibility"] == "national":
        assert data["must_register_eu_database"] is False
    if not data["obligations"]:
        assert deadline is None


@EXAMPLES
@given(facts=facts_strategy, flag=st.sampled_from(ART5_FLAGS), calendar=calendars)
def test_art5_prohibited_practice_is_prohibited_whatever_else_is_true(
    facts: dict, flag: str, calendar: str
) -> None:
    data = classify(facts | {flag: True, "out_of_scope": None}, calendar=calendar).to_dict()
    assert data["risk_tier"] == "prohibited"
    assert data["must_register_eu_database"] is False
    assert data["compliance_deadline"] == "2025-02-02"
    assert all(ref.startswith("Art 5(1)(") for ref in data["obligations"])


@EXAMPLES
@given(facts=facts_strategy, area=st.sampled_from([a.value for a in AnnexIIIArea]))
def test_art6_3_annex_iii_system_that_profiles_is_never_below_high_risk(
    facts: dict, area: str
) -> None:
    facts = facts | {
        "annex_iii_area": area,
        "performs_profiling": True,
        "is_gpai_model": False,
        "out_of_scope": None,
    }
    tier = classify(facts).risk_tier
    assert tier in (RiskTier.HIGH_RISK, RiskTier.PROHIBITED)


@EXAMPLES
@given(facts=facts_strategy, calendar=calendars)
def test_art95_minimal_risk_without_derogation_gives_no_obligations_and_null_deadline(
    facts: dict, calendar: str
) -> None:
    outcome = classify(facts, calendar=calendar)
    derogated = any(
        step.step == "art_6_3" and "Art 49(2)" in step.citation for step in outcome.explanation
    )
    if outcome.risk_tier is RiskTier.MINIMAL_RISK and not derogated:
        assert outcome.obligations == ()
        assert outcome.compliance_deadline is None
        assert outcome.transparency_triggers == ()


@EXAMPLES
@given(facts=facts_strategy)
def test_art49_only_providers_representatives_and_public_deployers_register(facts: dict) -> None:
    outcome = classify(facts)
    if outcome.must_register_eu_database:
        became_provider = bool(facts.get("becomes_provider_art25"))  # Art 25(1)
        assert became_provider or facts.get("role") in {
            "provider",
            "product_manufacturer",
            "authorised_representative",
            "deployer",
        }
        assert outcome.risk_tier not in (RiskTier.PROHIBITED, RiskTier.GPAI)
        if outcome.registration_section == "C":
            assert facts["role"] == "deployer" and not became_provider


@EXAMPLES
@given(facts=facts_strategy, calendar=calendars)
def test_art111_2_legacy_private_high_risk_without_change_binds_nothing(
    facts: dict, calendar: str
) -> None:
    facts = facts | {
        "placed_on_market_date": "2025-01-01",
        "date_status": "actual",
        "significant_design_change_after_2026_08_02": False,
        "intended_for_public_authorities": False,
        "organisation_type": "private_company",
        "annex_x_system": False,
    }
    outcome = classify(facts, calendar=calendar)
    if outcome.risk_tier is not RiskTier.HIGH_RISK:
        return
    if any(ref.startswith("Art 5(") for ref in outcome.obligations):
        # A deployer using a 5(1)(h) exception: Art 5 and its Art 5(2) conditions still bind.
        assert outcome.compliance_deadline == date(2025, 2, 2)
        assert all(
            ref.split("(")[0] in ("Art 5", "Art 27", "Art 49") for ref in outcome.obligations
        )
    else:
        assert outcome.compliance_deadline is None
        assert outcome.must_register_eu_database is False
        assert outcome.obligations == ()


CONTRACT_FACT_KEYS = [
    "role",
    "organisation_type",
    "respondent_established_in_eu",
    "provider_established_in_eu",
    "is_gpai_model",
    "training_flops",
    "open_source_release",
    "monetised",
    "commission_designated_systemic_risk",
    "annex_iii_area",
    "annex_i_product",
    "annex_i_legislation",
    "annex_i_third_party_conformity_assessment",
    "safety_component",
    "art6_3_derogation_claimed",
    "art6_3_condition",
    "performs_profiling",
    "interacts_with_humans",
    "generates_synthetic_content",
    "generates_deepfakes",
    "publishes_ai_text_on_public_interest",
    "emotion_recognition",
    "emotion_recognition_setting",
    "medical_or_safety_purpose",
    "biometric_categorisation",
    "infers_sensitive_attributes",
    "remote_biometric_identification",
    "publicly_accessible_space",
    "used_for_law_enforcement",
    "used_for_migration_asylum_border",
    "art5_exception_invoked",
    "social_scoring",
    "criminal_risk_prediction_solely_profiling",
    "untargeted_facial_image_scraping",
    "manipulative_or_exploitative_techniques",
    "intended_for_public_authorities",
    "placed_on_market_date",
    "date_status",
    "significant_design_change_after_2026_08_02",
    # Contract 2.
    "annex_i_section",
    "out_of_scope",
    "provides_public_services",
    "becomes_provider_art25",
    "art50_exceptions",
    # Art 111(1), docs/decisions/0007-rules-engine-contract-2.md.
    "annex_x_system",
]


def test_facts_accept_exactly_the_contract_keys() -> None:
    assert tuple(Facts.__dataclass_fields__) == FACT_KEYS
    assert sorted(FACT_KEYS) == sorted(CONTRACT_FACT_KEYS)
    assert len(FACT_KEYS) == 45


@NEW_EXAMPLES
@given(facts=facts_strategy, calendar=calendars)
def test_a_null_deadline_always_comes_with_no_obligations(facts: dict, calendar: str) -> None:
    # Contract 2: the list and the deadline never contradict each other, on every path.
    outcome = classify(facts, calendar=calendar)
    assert (outcome.compliance_deadline is None) == (outcome.obligations == ())


@NEW_EXAMPLES
@given(
    facts=facts_strategy,
    reason=st.sampled_from([r.value for r in OutOfScope if r.value != "personal_non_professional"]),
    calendar=calendars,
)
def test_art_2_an_out_of_scope_reason_wins_over_every_tier(
    facts: dict, reason: str, calendar: str
) -> None:
    outcome = classify(facts | {"out_of_scope": reason}, calendar=calendar)
    assert outcome.risk_tier is RiskTier.OUT_OF_SCOPE
    assert outcome.obligations == ()
    assert outcome.must_register_eu_database is False
    assert outcome.registration_section is None
    assert outcome.compliance_deadline is None
    assert outcome.explanation[0].step == "art_2"
    assert outcome.explanation[0].citation.startswith(OutOfScope(reason).citation)


@NEW_EXAMPLES
@given(facts=facts_strategy, calendar=calendars)
def test_art_2_10_personal_use_wins_for_a_deployer(facts: dict, calendar: str) -> None:
    facts = facts | {"out_of_scope": "personal_non_professional", "role": "deployer"}
    facts.pop("becomes_provider_art25", None)
    outcome = classify(facts, calendar=calendar)
    assert outcome.risk_tier is RiskTier.OUT_OF_SCOPE
    assert outcome.obligations == ()


@NEW_EXAMPLES
@given(facts=facts_strategy, calendar=calendars)
def test_art_2_2_adding_annex_i_section_b_never_adds_an_obligation(
    facts: dict, calendar: str
) -> None:
    before = classify(facts, calendar=calendar)
    after = classify(facts | {"annex_i_section": "B"}, calendar=calendar)
    assert set(after.obligations) <= set(before.obligations)
    if not before.must_register_eu_database:
        assert not after.must_register_eu_database
