"""High-risk classification: Art 6(1)/Annex I, Art 6(2)/Annex III, Art 6(3) (ai-act.md 4.2-4.4)."""

from __future__ import annotations

import pytest

from .helpers import AMENDED, ORIGINAL, result

EU_PROVIDER = {"role": "provider", "provider_established_in_eu": True}
ANNEX_I = {"annex_i_product": True, "annex_i_third_party_conformity_assessment": True}


def test_art6_1_both_conditions_make_an_annex_i_product_high_risk_without_eu_registration() -> None:
    data = result(annex_i_legislation="Regulation (EU) 2017/745", **ANNEX_I, **EU_PROVIDER)
    assert data["risk_tier"] == "high_risk"
    assert "Art 43(3)" in data["obligations"]
    # Art 71(1): only Annex III systems go into the EU database.
    assert data["must_register_eu_database"] is False
    assert data["registration_section"] is None
    assert not any(ref.startswith("Art 49") for ref in data["obligations"])


def test_art6_1_b_annex_i_product_without_third_party_assessment_is_not_high_risk() -> None:
    data = result(annex_i_product=True, annex_i_third_party_conformity_assessment=False)
    assert data["risk_tier"] == "minimal_risk"
    step = next(s for s in data["explanation"] if s["step"] == "art_6_1")
    assert "Art 6(1)(b) is not met" in step["text"]


def test_art6_1_a_third_party_assessment_alone_is_not_high_risk() -> None:
    data = result(annex_i_third_party_conformity_assessment=True, **EU_PROVIDER)
    assert data["risk_tier"] == "minimal_risk"
    assert data["obligations"] == []


def test_art25_3_product_manufacturer_owes_provider_duties_for_its_annex_i_system() -> None:
    data = result(
        role="product_manufacturer",
        provider_established_in_eu=True,
        safety_component=True,
        **ANNEX_I,
    )
    assert {"Art 9", "Art 25(3)", "Art 43(3)", "Art 47", "Art 48"} <= set(data["obligations"])


def test_art6_2_annex_iii_4a_provider_matches_the_contract_example() -> None:
    data = result(annex_iii_area="4(a)", **EU_PROVIDER)
    assert data["risk_tier"] == "high_risk"
    assert {"Art 9", "Art 43(2)", "Art 49(1)"} <= set(data["obligations"])
    assert (data["must_register_eu_database"], data["registration_section"]) == (True, "A")
    assert data["registration_visibility"] == "public"
    assert {
        "step": "annex_iii",
        "citation": "Art 6(2), Annex III 4(a)",
        "text": "The intended purpose falls under Annex III 4(a).",
    } in data["explanation"]


def test_art43_1_biometrics_and_43_2_other_annex_iii_points_use_different_routes() -> None:
    assert "Art 43(1)" in result(annex_iii_area="1(a)", **EU_PROVIDER)["obligations"]
    other = result(annex_iii_area="3(b)", **EU_PROVIDER)["obligations"]
    assert "Art 43(2)" in other
    assert "Art 43(1)" not in other


def test_art22_1_non_eu_provider_of_high_risk_system_needs_an_authorised_representative() -> None:
    assert "Art 22(1)" in result(role="provider", annex_iii_area="4(b)")["obligations"]
    assert "Art 22(1)" not in result(annex_iii_area="4(b)", **EU_PROVIDER)["obligations"]


@pytest.mark.parametrize("condition", ["a", "b", "c", "d"])
def test_art6_3_valid_derogation_is_minimal_risk_but_registers_in_section_b(condition: str) -> None:
    data = result(
        annex_iii_area="5(b)",
        art6_3_derogation_claimed=True,
        art6_3_condition=condition,
        **EU_PROVIDER,
    )
    assert data["risk_tier"] == "minimal_risk"
    assert data["must_register_eu_database"] is True
    assert data["registration_section"] == "B"
    assert data["registration_visibility"] == "public"
    assert data["obligations"] == ["Art 6(4)", "Art 49(2)"]
    assert any(s["citation"].startswith(f"Art 6(3)({condition})") for s in data["explanation"])


def test_art6_3_profiling_override_keeps_the_system_high_risk_despite_a_valid_condition() -> None:
    data = result(
        annex_iii_area="4(a)",
        art6_3_derogation_claimed=True,
        art6_3_condition="d",
        performs_profiling=True,
        **EU_PROVIDER,
    )
    assert data["risk_tier"] == "high_risk"
    assert data["registration_section"] == "A"
    assert "Art 6(4)" not in data["obligations"]
    override = next(s for s in data["explanation"] if s["step"] == "art_6_3")
    assert override["citation"] == "Art 6(3) last subparagraph"


def test_art6_3_claim_without_any_condition_stays_high_risk() -> None:
    data = result(annex_iii_area="8(a)", art6_3_derogation_claimed=True, **EU_PROVIDER)
    assert data["risk_tier"] == "high_risk"
    assert data["registration_section"] == "A"


def test_art6_3_condition_without_a_claim_is_ignored() -> None:
    data = result(annex_iii_area="8(a)", art6_3_condition="a", **EU_PROVIDER)
    assert data["risk_tier"] == "high_risk"


def test_art6_3_derogated_system_with_chatbot_is_limited_risk_and_still_section_b() -> None:
    data = result(
        AMENDED,
        annex_iii_area="3(a)",
        art6_3_derogation_claimed=True,
        art6_3_condition="a",
        interacts_with_humans=True,
        **EU_PROVIDER,
    )
    assert data["risk_tier"] == "limited_risk_transparency"
    assert data["transparency_triggers"] == ["50(1)"]
    assert data["registration_section"] == "B"
    assert data["obligations"] == ["Art 6(4)", "Art 49(2)", "Art 50(1)"]
    # Art 50 binds from 2026-08-02 in both calendars, before the Section B duty.
    assert data["compliance_deadline"] == "2026-08-02"


def test_art6_3_derogation_is_only_for_the_provider_side() -> None:
    facts = {"annex_iii_area": "5(b)", "art6_3_derogation_claimed": True, "art6_3_condition": "a"}
    deployer = result(role="deployer", organisation_type="public_authority", **facts)
    assert deployer["must_register_eu_database"] is False
    assert deployer["obligations"] == []
    representative = result(ORIGINAL, role="authorised_representative", **facts)
    assert representative["registration_section"] == "B"
    assert representative["obligations"] == ["Art 49(2)"]


@pytest.mark.parametrize("role,expected", [("importer", "Art 23"), ("distributor", "Art 24")])
def test_art23_art24_importers_and_distributors_have_their_own_duties(
    role: str, expected: str
) -> None:
    assert result(role=role, annex_iii_area="4(a)")["obligations"] == [expected]


def test_art27_fria_for_credit_scoring_deployer_even_when_private() -> None:
    data = result(role="deployer", organisation_type="private_company", annex_iii_area="5(b)")
    assert data["obligations"] == ["Art 26", "Art 27"]
    recruiting = result(role="deployer", organisation_type="private_company", annex_iii_area="4(a)")
    assert recruiting["obligations"] == ["Art 26"]
