"""Compliance deadlines per calendar and the Art 111 transitional rules (ai-act.md 9, 10)."""

from __future__ import annotations

import pytest

from .helpers import AMENDED, ORIGINAL, result

HIGH_RISK = {"role": "provider", "provider_established_in_eu": True, "annex_iii_area": "4(a)"}
LEGACY = {"placed_on_market_date": "2025-06-01", "date_status": "actual"}
ANNEX_I = {"annex_i_product": True, "annex_i_third_party_conformity_assessment": True}


@pytest.mark.parametrize("calendar,expected", [(ORIGINAL, "2026-08-02"), (AMENDED, "2027-12-02")])
def test_art113_annex_iii_high_risk_deadline_per_calendar(calendar: str, expected: str) -> None:
    data = result(calendar, **HIGH_RISK)
    assert data["compliance_deadline"] == expected
    assert data["calendar"] == calendar


@pytest.mark.parametrize("calendar,expected", [(ORIGINAL, "2027-08-02"), (AMENDED, "2028-08-02")])
def test_art113_c_annex_i_high_risk_deadline_per_calendar(calendar: str, expected: str) -> None:
    data = result(calendar, role="provider", **ANNEX_I)
    assert data["compliance_deadline"] == expected


def test_annex_i_and_annex_iii_system_binds_from_the_earlier_annex_iii_date() -> None:
    data = result(AMENDED, annex_iii_area="5(d)", **ANNEX_I, **{"role": "provider"})
    assert data["compliance_deadline"] == "2027-12-02"
    assert {"Art 43(2)", "Art 43(3)", "Art 49(1)"} <= set(data["obligations"])


@pytest.mark.parametrize("calendar", [ORIGINAL, AMENDED])
def test_art111_2_legacy_private_high_risk_without_change_has_null_deadline(calendar: str) -> None:
    data = result(calendar, **HIGH_RISK, **LEGACY)
    assert data["risk_tier"] == "high_risk"
    assert data["compliance_deadline"] is None
    assert data["must_register_eu_database"] is False
    assert data["registration_section"] is None
    # Contract 2: nothing binds, so nothing is listed (the deadline and the list agree).
    assert data["obligations"] == []
    assert "art_111" in [step["step"] for step in data["explanation"]]


@pytest.mark.parametrize("calendar,expected", [(ORIGINAL, "2026-08-02"), (AMENDED, "2027-12-02")])
def test_art111_2_significant_design_change_brings_a_legacy_system_under_the_act(
    calendar: str, expected: str
) -> None:
    data = result(calendar, significant_design_change_after_2026_08_02=True, **HIGH_RISK, **LEGACY)
    assert data["compliance_deadline"] == expected
    assert (data["must_register_eu_database"], data["registration_section"]) == (True, "A")


@pytest.mark.parametrize("calendar", [ORIGINAL, AMENDED])
def test_art111_2_legacy_system_for_public_authorities_complies_by_2030(calendar: str) -> None:
    data = result(calendar, intended_for_public_authorities=True, **HIGH_RISK, **LEGACY)
    assert data["compliance_deadline"] == "2030-08-02"
    assert data["registration_section"] == "A"


def test_art111_2_public_authority_deployer_of_legacy_system_complies_by_2030() -> None:
    data = result(
        role="deployer", organisation_type="public_authority", annex_iii_area="5(a)", **LEGACY
    )
    assert data["compliance_deadline"] == "2030-08-02"
    assert data["registration_section"] == "C"


def test_art111_2_cutoff_day_itself_is_not_legacy() -> None:
    data = result(placed_on_market_date="2026-08-02", date_status="actual", **HIGH_RISK)
    assert data["compliance_deadline"] == "2026-08-02"
    before = result(placed_on_market_date="2026-08-01", date_status="actual", **HIGH_RISK)
    assert before["compliance_deadline"] is None


def test_art111_2_planned_date_before_cutoff_gives_no_legacy_relief() -> None:
    data = result(placed_on_market_date="2026-03-01", date_status="planned", **HIGH_RISK)
    assert data["compliance_deadline"] == "2026-08-02"
    assert data["registration_section"] == "A"


def test_art111_2_amended_calendar_system_placed_between_cutoff_and_new_date() -> None:
    data = result(AMENDED, placed_on_market_date="2027-01-15", date_status="actual", **HIGH_RISK)
    assert data["compliance_deadline"] == "2027-12-02"


def test_art111_2_legacy_annex_i_product_without_change_is_null() -> None:
    data = result(role="provider", placed_on_market_date="2024-01-01", **ANNEX_I)
    assert data["compliance_deadline"] is None


def test_art111_2_legacy_high_risk_operator_is_spared_its_art50_duties_too() -> None:
    data = result(interacts_with_humans=True, **HIGH_RISK, **LEGACY)
    assert data["transparency_triggers"] == ["50(1)"]
    assert data["compliance_deadline"] is None


@pytest.mark.parametrize("calendar,expected", [(ORIGINAL, "2026-08-02"), (AMENDED, "2026-12-02")])
def test_omnibus_art50_2_marking_for_systems_already_on_the_market(
    calendar: str, expected: str
) -> None:
    data = result(calendar, role="provider", generates_synthetic_content=True, **LEGACY)
    assert data["compliance_deadline"] == expected
    new = result(calendar, role="provider", generates_synthetic_content=True)
    assert new["compliance_deadline"] == "2026-08-02"


def test_amended_calendar_deadline_is_the_earliest_of_stacked_obligations() -> None:
    data = result(AMENDED, interacts_with_humans=True, **HIGH_RISK)
    assert data["compliance_deadline"] == "2026-08-02"  # Art 50(1), before Annex III 2027-12-02


@pytest.mark.parametrize("calendar,expected", [(ORIGINAL, "2026-08-02"), (AMENDED, "2027-12-02")])
def test_art49_2_section_b_registration_deadline_per_calendar(calendar: str, expected: str) -> None:
    data = result(
        calendar,
        role="provider",
        annex_iii_area="4(a)",
        art6_3_derogation_claimed=True,
        art6_3_condition="c",
    )
    assert data["compliance_deadline"] == expected


def test_art111_2_applied_a_fortiori_to_a_legacy_art6_3_system() -> None:
    data = result(
        role="provider",
        annex_iii_area="4(a)",
        art6_3_derogation_claimed=True,
        art6_3_condition="c",
        **LEGACY,
    )
    assert data["compliance_deadline"] is None
    assert data["must_register_eu_database"] is False
