"""Art 5 prohibited practices, their exceptions, and what they override (ai-act.md 4.1, 4.7)."""

from __future__ import annotations

import pytest

from registry.rules import Role

from .helpers import AMENDED, CALENDAR_NAMES, ORIGINAL, result

RTBI_LE = {
    "remote_biometric_identification": "real_time",
    "publicly_accessible_space": True,
    "used_for_law_enforcement": True,
}


@pytest.mark.parametrize("role", [role.value for role in Role])
def test_art5_1_a_b_manipulative_techniques_are_prohibited_for_every_role(role: str) -> None:
    data = result(role=role, manipulative_or_exploitative_techniques=True)
    assert data["risk_tier"] == "prohibited"
    assert data["obligations"] == ["Art 5(1)(a)", "Art 5(1)(b)"]
    assert data["must_register_eu_database"] is False
    assert data["registration_section"] is None
    assert data["compliance_deadline"] == "2025-02-02"


def test_art5_1_c_social_scoring_wins_over_gpai_annex_iii_and_art50() -> None:
    data = result(
        role="provider",
        social_scoring=True,
        is_gpai_model=True,
        training_flops=1e26,
        annex_iii_area="5(a)",
        interacts_with_humans=True,
    )
    assert data["risk_tier"] == "prohibited"
    assert data["obligations"] == ["Art 5(1)(c)"]
    assert data["transparency_triggers"] == []


def test_art5_1_d_criminal_risk_prediction_solely_on_profiling_is_prohibited() -> None:
    data = result(role="deployer", criminal_risk_prediction_solely_profiling=True)
    assert (data["risk_tier"], data["obligations"]) == ("prohibited", ["Art 5(1)(d)"])


def test_art5_1_e_untargeted_facial_image_scraping_is_prohibited() -> None:
    data = result(role="provider", untargeted_facial_image_scraping=True)
    assert (data["risk_tier"], data["obligations"]) == ("prohibited", ["Art 5(1)(e)"])


@pytest.mark.parametrize("setting", ["workplace", "education"])
def test_art5_1_f_emotion_recognition_at_work_or_school_is_prohibited(setting: str) -> None:
    data = result(role="deployer", emotion_recognition=True, emotion_recognition_setting=setting)
    assert (data["risk_tier"], data["obligations"]) == ("prohibited", ["Art 5(1)(f)"])


def test_art5_1_f_medical_or_safety_exception_leaves_high_risk_annex_iii_1c() -> None:
    data = result(
        role="provider",
        provider_established_in_eu=True,
        emotion_recognition=True,
        emotion_recognition_setting="workplace",
        medical_or_safety_purpose=True,
    )
    assert data["risk_tier"] == "high_risk"
    assert data["transparency_triggers"] == ["50(3)"]
    assert "Art 43(1)" in data["obligations"]  # Annex III point 1 conformity route
    assert any(s["citation"] == "Art 5(1)(f)" for s in data["explanation"])
    assert any("Annex III 1(c)" in s["citation"] for s in data["explanation"])


def test_art5_1_f_emotion_recognition_elsewhere_is_high_risk_1c_with_art50_3_for_deployer() -> None:
    data = result(role="deployer", emotion_recognition=True, emotion_recognition_setting="other")
    assert data["risk_tier"] == "high_risk"
    assert data["obligations"] == ["Art 26", "Art 50(3)"]
    assert data["must_register_eu_database"] is False  # private deployer, Art 49(3)


def test_art5_1_g_biometric_categorisation_inferring_sensitive_traits_is_prohibited() -> None:
    data = result(role="provider", biometric_categorisation=True, infers_sensitive_attributes=True)
    assert (data["risk_tier"], data["obligations"]) == ("prohibited", ["Art 5(1)(g)"])


def test_art5_1_g_law_enforcement_carve_out_is_high_risk_1b_in_restricted_section_a() -> None:
    data = result(
        role="provider",
        biometric_categorisation=True,
        infers_sensitive_attributes=True,
        used_for_law_enforcement=True,
    )
    assert data["risk_tier"] == "high_risk"
    assert data["registration_section"] == "A"
    assert data["registration_visibility"] == "restricted_49_4"
    assert "Art 49(4)" in data["obligations"]


def test_art5_1_h_real_time_rbi_law_enforcement_without_exception_is_prohibited() -> None:
    data = result(role="deployer", organisation_type="public_authority", **RTBI_LE)
    assert (data["risk_tier"], data["obligations"]) == ("prohibited", ["Art 5(1)(h)"])


@pytest.mark.parametrize("exception", ["5(1)(h)(i)", "5(1)(h)(ii)", "5(1)(h)(iii)"])
def test_art5_1_h_real_time_rbi_law_enforcement_with_exception_is_not_prohibited(
    exception: str,
) -> None:
    data = result(role="deployer", art5_exception_invoked=exception, **RTBI_LE)
    assert data["risk_tier"] == "high_risk"
    # Art 5(2): FRIA and registration before use; Art 49(4): in the non-public section.
    assert data["must_register_eu_database"] is True
    assert data["registration_section"] == "C"
    assert data["registration_visibility"] == "restricted_49_4"
    for ref in ("Art 5(2)", "Art 5(3)", "Art 5(4)", "Art 26", "Art 49(3)", "Art 49(4)"):
        assert ref in data["obligations"]
    assert any(exception in s["citation"] for s in data["explanation"])


def test_art5_1_h_real_time_rbi_outside_publicly_accessible_space_is_high_risk_1a() -> None:
    data = result(
        role="provider",
        provider_established_in_eu=True,
        remote_biometric_identification="real_time",
        used_for_law_enforcement=True,
    )
    assert data["risk_tier"] == "high_risk"
    assert data["registration_visibility"] == "restricted_49_4"


def test_art26_10_post_rbi_for_law_enforcement_is_high_risk_with_deployer_authorisation() -> None:
    data = result(
        role="deployer",
        organisation_type="public_authority",
        remote_biometric_identification="post",
        used_for_law_enforcement=True,
        publicly_accessible_space=True,
    )
    assert data["risk_tier"] == "high_risk"
    assert "Art 26(10)" in data["obligations"]
    assert data["registration_visibility"] == "restricted_49_4"


@pytest.mark.parametrize("calendar", CALENDAR_NAMES)
def test_art113_a_and_art111_2_prohibitions_apply_from_2025_02_02_even_for_legacy_systems(
    calendar: str,
) -> None:
    data = result(
        calendar,
        role="provider",
        social_scoring=True,
        annex_iii_area="5(a)",
        placed_on_market_date="2020-01-01",
        date_status="actual",
    )
    assert data["compliance_deadline"] == "2025-02-02"
    assert data["calendar"] == calendar


def test_art5_several_practices_are_all_listed_in_article_order() -> None:
    data = result(
        calendar=AMENDED,
        role="provider",
        untargeted_facial_image_scraping=True,
        social_scoring=True,
        emotion_recognition=True,
        emotion_recognition_setting="education",
    )
    assert data["obligations"] == ["Art 5(1)(c)", "Art 5(1)(e)", "Art 5(1)(f)"]
    assert data["calendar"] == AMENDED
    assert result(ORIGINAL, social_scoring=True)["obligations"] == ["Art 5(1)(c)"]
