"""Contract 2, issue 12 errors 1-5: who the law binds and from when, at the edges of the Act."""

from __future__ import annotations

import pytest

from .helpers import AMENDED, CALENDAR_NAMES, ORIGINAL, result, steps

RBI_LE = {
    "remote_biometric_identification": "real_time",
    "publicly_accessible_space": True,
    "used_for_law_enforcement": True,
}
BRAKING_ASSISTANT = {
    "annex_i_product": True,
    "annex_i_third_party_conformity_assessment": True,
    "safety_component": True,
    "annex_i_legislation": "Regulation (EU) 2019/2144 (vehicle type-approval)",
}
LEGACY = {"placed_on_market_date": "2025-06-01", "date_status": "actual"}


@pytest.mark.parametrize("role", ["provider", "product_manufacturer", "authorised_representative"])
def test_art_5_1_h_binds_the_use_not_the_provider(role: str) -> None:
    data = result(role=role, provider_established_in_eu=True, **RBI_LE)
    assert data["risk_tier"] == "high_risk"
    assert "Art 5(1)(h)" not in data["obligations"]
    assert data["explanation"][0]["citation"] == "Art 5(1)(h)"
    assert "not placing such a system on the market" in data["explanation"][0]["text"]


def test_art_5_1_h_provider_system_is_annex_iii_1_a_assessed_under_art_43_1_and_restricted() -> (
    None
):
    data = result(role="provider", provider_established_in_eu=True, **RBI_LE)
    assert "Art 43(1)" in data["obligations"]
    assert "Art 43(2)" not in data["obligations"]
    assert (data["must_register_eu_database"], data["registration_section"]) == (True, "A")
    assert data["registration_visibility"] == "restricted_49_4"
    assert {"Art 49(1)", "Art 49(4)"} <= set(data["obligations"])


def test_art_5_1_h_the_deployers_use_without_an_exception_stays_prohibited() -> None:
    data = result(role="deployer", organisation_type="public_authority", **RBI_LE)
    assert data["risk_tier"] == "prohibited"
    assert data["obligations"] == ["Art 5(1)(h)"]


def test_art_5_1_a_to_g_still_forbid_placing_on_the_market_for_the_provider() -> None:
    data = result(role="provider", social_scoring=True, **RBI_LE)
    assert data["risk_tier"] == "prohibited"
    assert data["obligations"] == ["Art 5(1)(c)"]


@pytest.mark.parametrize("calendar", CALENDAR_NAMES)
def test_art_5_2_to_7_conditions_on_an_exception_bind_from_2_feb_2025(calendar: str) -> None:
    data = result(
        calendar,
        role="deployer",
        organisation_type="public_authority",
        art5_exception_invoked="5(1)(h)(ii)",
        **RBI_LE,
    )
    assert {"Art 5(2)", "Art 5(3)", "Art 5(4)"} <= set(data["obligations"])
    assert data["compliance_deadline"] == "2025-02-02"
    assert data["explanation"][-1]["citation"] == "Art 113(a)"


def test_art_5_2_conditions_still_bind_a_legacy_system_under_art_111_2() -> None:
    data = result(
        role="deployer",
        organisation_type="private_company",
        art5_exception_invoked="5(1)(h)(i)",
        **RBI_LE,
        **LEGACY,
    )
    assert data["compliance_deadline"] == "2025-02-02"
    assert {"Art 5(2)", "Art 5(3)", "Art 5(4)", "Art 27"} <= set(data["obligations"])
    assert "Art 26" not in data["obligations"]
    # Art 5(2): the use needs its registration, legacy or not.
    assert data["must_register_eu_database"] is True


@pytest.mark.parametrize("calendar", CALENDAR_NAMES)
def test_art_2_2_section_b_product_gets_no_provider_duties(calendar: str) -> None:
    data = result(calendar, role="provider", provider_established_in_eu=True, **BRAKING_ASSISTANT)
    assert data["risk_tier"] == "high_risk"
    assert data["obligations"] == []
    assert data["compliance_deadline"] is None
    assert data["must_register_eu_database"] is False
    assert "Art 2(2), Annex I Section B" in [s["citation"] for s in data["explanation"]]
    assert "Art 2(2)" in [s["citation"] for s in data["explanation"]]


def test_art_2_2_the_annex_i_section_fact_wins_over_the_named_act() -> None:
    named_b = {**BRAKING_ASSISTANT, "annex_i_section": "A"}
    data = result(role="provider", provider_established_in_eu=True, **named_b)
    assert {"Art 9", "Art 43(3)"} <= set(data["obligations"])
    other = {**BRAKING_ASSISTANT, "annex_i_legislation": "Regulation (EU) 2017/745"}
    data = result(
        role="provider",
        provider_established_in_eu=True,
        annex_i_section="B",
        **{k: v for k, v in other.items()},
    )
    assert data["obligations"] == []


def test_annex_i_section_a_is_assumed_and_said_when_no_section_b_act_is_named() -> None:
    data = result(
        role="provider",
        provider_established_in_eu=True,
        **{**BRAKING_ASSISTANT, "annex_i_legislation": "Regulation (EU) 2017/745"},
    )
    assert "Art 43(3)" in data["obligations"]
    assert "Annex I Section A" in [s["citation"] for s in data["explanation"]]


def test_art_2_2_section_b_acts_are_recognised_by_their_number_only() -> None:
    for act in ("300/2008", "167/2013", "168/2013", "2018/858", "2018/1139", "2019/2144"):
        named = {**BRAKING_ASSISTANT, "annex_i_legislation": f"Regulation (EU) {act}"}
        assert result(role="provider", **named)["obligations"] == [], act
    for act in ("Directive 2014/90/EU", "Directive (EU) 2016/797"):
        named = {**BRAKING_ASSISTANT, "annex_i_legislation": act}
        assert result(role="provider", **named)["obligations"] == [], act
    # 2018/8580 is not 2018/858.
    named = {**BRAKING_ASSISTANT, "annex_i_legislation": "Regulation 2018/8580"}
    assert result(role="provider", **named)["obligations"] != []


@pytest.mark.parametrize("calendar", CALENDAR_NAMES)
def test_art_111_2_legacy_private_system_lists_no_duties_beside_a_null_deadline(
    calendar: str,
) -> None:
    data = result(calendar, role="provider", annex_iii_area="4(a)", **LEGACY)
    assert data["compliance_deadline"] is None
    assert data["obligations"] == []
    assert data["must_register_eu_database"] is False
    obligations_step = next(s for s in data["explanation"] if s["step"] == "obligations")
    assert obligations_step["citation"] == "Art 4"


def test_art_111_2_legacy_art_6_3_system_lists_no_duties_beside_a_null_deadline() -> None:
    data = result(
        AMENDED,
        role="provider",
        annex_iii_area="4(a)",
        art6_3_derogation_claimed=True,
        art6_3_condition="a",
        **LEGACY,
    )
    assert data["risk_tier"] == "minimal_risk"
    assert (data["compliance_deadline"], data["obligations"]) == (None, [])


def test_art_111_2_legacy_art_6_3_system_keeps_its_art_50_duty() -> None:
    # Art 111(2) is applied to the Art 6(3) system's Section B duty only (decision 0006).
    data = result(
        ORIGINAL,
        role="provider",
        annex_iii_area="4(a)",
        art6_3_derogation_claimed=True,
        art6_3_condition="a",
        interacts_with_humans=True,
        **LEGACY,
    )
    assert data["obligations"] == ["Art 50(1)"]
    assert data["compliance_deadline"] == "2026-08-02"


def test_art_52_1_is_not_owed_for_a_model_the_commission_designated_below_10_25() -> None:
    data = result(
        role="provider",
        provider_established_in_eu=True,
        is_gpai_model=True,
        training_flops=1e24,
        commission_designated_systemic_risk=True,
    )
    assert data["risk_tier"] == "gpai_systemic_risk"
    assert "Art 52(1)" not in data["obligations"]
    assert "Art 55(1)(a)" in data["obligations"]


def test_art_52_1_is_owed_under_the_art_51_1_a_compute_presumption() -> None:
    data = result(role="provider", is_gpai_model=True, training_flops=2e25)
    assert "Art 52(1)" in data["obligations"]
    both = result(
        role="provider",
        is_gpai_model=True,
        training_flops=2e25,
        commission_designated_systemic_risk=True,
    )
    assert "Art 52(1)" in both["obligations"]


def test_explanation_steps_name_the_new_steps() -> None:
    data = result(role="provider", **RBI_LE)
    assert steps(data)[0] == "art_5"
