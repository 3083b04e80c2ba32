"""Art 50 transparency triggers, alone and stacked on high-risk (ai-act.md 4.5, 4.6)."""

from __future__ import annotations

import pytest

from .helpers import AMENDED, CALENDAR_NAMES, result


def test_art50_1_chatbot_provider_is_limited_risk() -> None:
    data = result(role="provider", interacts_with_humans=True)
    assert data["risk_tier"] == "limited_risk_transparency"
    assert data["transparency_triggers"] == ["50(1)"]
    assert data["obligations"] == ["Art 50(1)"]
    assert data["compliance_deadline"] == "2026-08-02"


def test_art50_1_binds_the_provider_not_the_deployer_of_a_chatbot() -> None:
    data = result(role="deployer", interacts_with_humans=True)
    assert data["risk_tier"] == "limited_risk_transparency"
    assert data["obligations"] == []
    assert data["compliance_deadline"] is None


def test_art50_4_deepfake_deployer_discloses_and_the_content_is_also_50_2_synthetic() -> None:
    data = result(role="deployer", generates_deepfakes=True)
    assert data["transparency_triggers"] == ["50(2)", "50(4)"]
    assert data["obligations"] == ["Art 50(4)"]
    provider = result(role="provider", generates_deepfakes=True)
    assert provider["obligations"] == ["Art 50(2)"]


def test_art50_4_public_interest_text_is_a_deployer_duty() -> None:
    data = result(role="deployer", publishes_ai_text_on_public_interest=True)
    assert "50(4)" in data["transparency_triggers"]
    assert data["obligations"] == ["Art 50(4)"]


def test_art50_3_biometric_categorisation_without_sensitive_traits_is_limited_risk() -> None:
    data = result(role="deployer", biometric_categorisation=True)
    assert data["risk_tier"] == "limited_risk_transparency"
    assert data["transparency_triggers"] == ["50(3)"]


def test_art50_6_triggers_stack_on_a_high_risk_system() -> None:
    data = result(
        role="provider",
        provider_established_in_eu=True,
        annex_iii_area="4(a)",
        interacts_with_humans=True,
        generates_synthetic_content=True,
    )
    assert data["risk_tier"] == "high_risk"
    assert data["transparency_triggers"] == ["50(1)", "50(2)"]
    assert {"Art 49(1)", "Art 50(1)", "Art 50(2)"} <= set(data["obligations"])


@pytest.mark.parametrize("calendar", CALENDAR_NAMES)
def test_art95_minimal_risk_has_no_obligations_and_no_deadline(calendar: str) -> None:
    data = result(calendar, role="provider", placed_on_market_date="2027-01-01")
    assert data["risk_tier"] == "minimal_risk"
    assert data["transparency_triggers"] == []
    assert data["obligations"] == []
    assert data["compliance_deadline"] is None
    assert data["must_register_eu_database"] is False
    assert data["registration_visibility"] is None


def test_art50_all_four_triggers_are_sorted_and_unique() -> None:
    data = result(
        AMENDED,
        role="provider",
        interacts_with_humans=True,
        generates_synthetic_content=True,
        generates_deepfakes=True,
        publishes_ai_text_on_public_interest=True,
        biometric_categorisation=True,
    )
    assert data["transparency_triggers"] == ["50(1)", "50(2)", "50(3)", "50(4)"]
    assert data["obligations"] == ["Art 50(1)", "Art 50(2)"]
