"""Contract 2, issue 12 gaps 6-11: scope, the value chain, Art 27, Art 50 exceptions, Annex X."""

from __future__ import annotations

import pytest

from registry.rules import FactsError, classify, get_calendar

from .helpers import AMENDED, CALENDAR_NAMES, ORIGINAL, result

EU = {"respondent_established_in_eu": True, "provider_established_in_eu": True}


def _citations(data: dict) -> list[str]:
    return [step["citation"] for step in data["explanation"]]


@pytest.mark.parametrize(
    "reason,citation",
    [
        ("military_defence_national_security", "Art 2(3)"),
        ("scientific_research_only", "Art 2(6)"),
        ("research_testing_before_market", "Art 2(8), Art 60"),
    ],
)
def test_art_2_exclusions_give_out_of_scope_with_the_paragraph(reason: str, citation: str) -> None:
    data = result(role="provider", annex_iii_area="6(a)", social_scoring=True, out_of_scope=reason)
    assert data["risk_tier"] == "out_of_scope"
    assert (data["obligations"], data["compliance_deadline"]) == ([], None)
    assert (data["must_register_eu_database"], data["registration_section"]) == (False, None)
    assert data["explanation"][0] == {
        "step": "art_2",
        "citation": citation,
        "text": data["explanation"][0]["text"],
    }


def test_art_2_8_never_covers_testing_in_real_world_conditions() -> None:
    data = result(role="provider", out_of_scope="research_testing_before_market")
    assert "real-world conditions is not" in data["explanation"][0]["text"]


def test_art_2_10_personal_use_covers_a_natural_person_as_deployer_only() -> None:
    data = result(
        role="deployer", interacts_with_humans=True, out_of_scope="personal_non_professional"
    )
    assert data["risk_tier"] == "out_of_scope"
    with pytest.raises(FactsError) as refused:
        classify({"role": "provider", "out_of_scope": "personal_non_professional"})
    assert "out_of_scope" in refused.value.errors


def test_art_2_12_open_source_system_that_is_not_high_risk_art_5_or_art_50_is_out_of_scope() -> (
    None
):
    data = result(role="provider", open_source_release=True)
    assert data["risk_tier"] == "out_of_scope"
    assert "Art 2(12)" in _citations(data)
    # An Art 6(3) system is not high-risk either, so no Section B registration.
    derogated = result(
        role="provider",
        open_source_release=True,
        annex_iii_area="4(a)",
        art6_3_derogation_claimed=True,
        art6_3_condition="a",
    )
    assert (derogated["risk_tier"], derogated["must_register_eu_database"]) == (
        "out_of_scope",
        False,
    )


@pytest.mark.parametrize(
    "facts,tier",
    [
        ({"annex_iii_area": "4(a)"}, "high_risk"),
        ({"social_scoring": True}, "prohibited"),
        ({"interacts_with_humans": True}, "limited_risk_transparency"),
        ({"monetised": True}, "minimal_risk"),
    ],
)
def test_art_2_12_does_not_exclude_high_risk_art_5_art_50_or_monetised_systems(
    facts: dict, tier: str
) -> None:
    assert result(role="provider", open_source_release=True, **facts)["risk_tier"] == tier


def test_art_2_12_excludes_systems_not_models_which_keep_the_art_53_2_exemption() -> None:
    data = result(role="provider", is_gpai_model=True, open_source_release=True, **EU)
    assert data["risk_tier"] == "gpai"
    assert data["obligations"] == ["Art 53(1)(c)", "Art 53(1)(d)"]


def test_art_53_2_monetised_open_source_model_loses_the_exemption_citing_recitals_103_104() -> None:
    data = result(
        role="provider", is_gpai_model=True, open_source_release=True, monetised=True, **EU
    )
    assert "Art 53(1)(a)" in data["obligations"]
    assert "Art 53(2), Art 54(6), recitals 103 and 104" in _citations(data)


@pytest.mark.parametrize("role", ["deployer", "importer", "distributor"])
@pytest.mark.parametrize(
    "change", ["own_name_or_trademark", "substantial_modification", "changed_intended_purpose"]
)
def test_art_25_1_operator_that_changes_a_high_risk_system_becomes_its_provider(
    role: str, change: str
) -> None:
    data = result(role=role, annex_iii_area="4(a)", becomes_provider_art25=change, **EU)
    assert {"Art 9", "Art 16", "Art 43(2)", "Art 49(1)"} <= set(data["obligations"])
    assert (data["must_register_eu_database"], data["registration_section"]) == (True, "A")
    step = next(s for s in data["explanation"] if s["step"] == "art_25")
    assert step["citation"].startswith("Art 25(1)(")
    assert f"The {role} " in step["text"]


def test_art_25_1_does_not_reach_a_system_that_is_not_high_risk() -> None:
    data = result(role="distributor", becomes_provider_art25="own_name_or_trademark")
    assert data["obligations"] == []
    assert "Art 25(1)(a)" in _citations(data)


def test_art_25_1_is_refused_for_a_provider() -> None:
    with pytest.raises(FactsError):
        classify({"role": "provider", "becomes_provider_art25": "own_name_or_trademark"})


def test_art_25_3_is_owed_only_for_a_safety_component_of_a_section_a_product() -> None:
    product = {
        "role": "product_manufacturer",
        "annex_i_product": True,
        "annex_i_third_party_conformity_assessment": True,
        "annex_i_legislation": "Regulation (EU) 2017/745",
        **EU,
    }
    assert "Art 25(3)" in result(safety_component=True, **product)["obligations"]
    # Software that is itself the medical device: its manufacturer is the provider (Art 3(3)).
    assert "Art 25(3)" not in result(**product)["obligations"]


def test_art_27_1_binds_a_private_entity_providing_public_services() -> None:
    data = result(role="deployer", annex_iii_area="3(a)", organisation_type="private_company")
    assert "Art 27" not in data["obligations"]
    data = result(
        role="deployer",
        annex_iii_area="3(a)",
        organisation_type="private_company",
        provides_public_services=True,
    )
    assert "Art 27" in data["obligations"]
    assert "Art 27(1)" in _citations(data)


@pytest.mark.parametrize("area", ["5(b)", "5(c)"])
def test_art_27_1_binds_every_deployer_of_annex_iii_5_b_and_5_c(area: str) -> None:
    data = result(role="deployer", annex_iii_area=area, organisation_type="non_profit")
    assert "Art 27" in data["obligations"]
    assert f"Art 27(1), Annex III {area}" in _citations(data)


def test_art_5_2_fria_binds_a_private_deployer_using_a_5_1_h_exception() -> None:
    data = result(
        role="deployer",
        organisation_type="private_company",
        remote_biometric_identification="real_time",
        publicly_accessible_space=True,
        used_for_law_enforcement=True,
        art5_exception_invoked="5(1)(h)(iii)",
    )
    assert "Art 27" in data["obligations"]
    assert "Art 5(2), Art 27(1)" in _citations(data)


def test_art_50_1_obvious_from_context_lifts_the_interaction_duty() -> None:
    data = result(
        role="provider", interacts_with_humans=True, art50_exceptions=["obvious_from_context"]
    )
    assert (data["risk_tier"], data["obligations"]) == ("minimal_risk", [])
    assert "Art 50(1)" in _citations(data)


@pytest.mark.parametrize("calendar", CALENDAR_NAMES)
def test_art_50_2_assistive_editing_lifts_the_marking_and_its_amended_date(calendar: str) -> None:
    facts = {
        "role": "provider",
        "generates_synthetic_content": True,
        "interacts_with_humans": True,
        "placed_on_market_date": "2025-05-01",
        "date_status": "actual",
    }
    without = result(calendar, **facts)
    assert "Art 50(2)" in without["obligations"]
    data = result(calendar, art50_exceptions=["assistive_or_standard_editing"], **facts)
    assert data["obligations"] == ["Art 50(1)"]
    # Only 50(1) is left, so the deadline is its date, not the 50(2) legacy date (2 Dec 2026).
    assert data["compliance_deadline"] == "2026-08-02"


def test_art_50_law_enforcement_exception_lifts_every_paragraph() -> None:
    data = result(
        role="deployer",
        generates_deepfakes=True,
        emotion_recognition=True,
        emotion_recognition_setting="other",
        art50_exceptions=["law_enforcement_authorised"],
    )
    assert not any(ref.startswith("Art 50(") for ref in data["obligations"])
    assert data["transparency_triggers"] == []


def test_art_50_4_artistic_work_keeps_a_limited_disclosure() -> None:
    data = result(
        role="deployer", generates_deepfakes=True, art50_exceptions=["artistic_satirical_fictional"]
    )
    assert "Art 50(4)" in data["obligations"]
    assert "Art 50(4) first subparagraph" in _citations(data)


def test_art_50_4_editorial_control_lifts_the_text_disclosure_only() -> None:
    text = {"role": "deployer", "publishes_ai_text_on_public_interest": True}
    data = result(art50_exceptions=["human_editorial_control"], **text)
    assert "Art 50(4)" not in data["obligations"]
    both = result(art50_exceptions=["human_editorial_control"], generates_deepfakes=True, **text)
    assert "Art 50(4)" in both["obligations"]


def test_art_50_exception_without_its_trigger_changes_nothing() -> None:
    plain = result(role="provider", interacts_with_humans=True)
    excepted = result(
        role="provider",
        interacts_with_humans=True,
        art50_exceptions=["assistive_or_standard_editing"],
    )
    assert plain == excepted


@pytest.mark.parametrize("calendar", CALENDAR_NAMES)
def test_art_111_1_annex_x_component_placed_before_2_aug_2027_complies_by_31_dec_2030(
    calendar: str,
) -> None:
    facts = {"role": "provider", "annex_iii_area": "7(d)", "annex_x_system": True, **EU}
    data = result(calendar, placed_on_market_date="2027-01-10", date_status="actual", **facts)
    assert data["compliance_deadline"] == "2030-12-31"
    assert "Art 9" in data["obligations"]  # Art 111(2) does not apply to it
    later = result(calendar, placed_on_market_date="2027-09-01", date_status="actual", **facts)
    assert later["compliance_deadline"] != "2030-12-31"


def test_default_calendar_is_the_amended_one_and_marked_unverified() -> None:
    assert get_calendar(AMENDED).verified is False
    assert get_calendar(ORIGINAL).verified is True
    assert result(AMENDED, role="provider")["calendar"] == AMENDED
