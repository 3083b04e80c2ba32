"""General-purpose AI models: Arts 51-55 and Art 111(3) (ai-act.md section 7)."""

from __future__ import annotations

import pytest

from .helpers import AMENDED, CALENDAR_NAMES, ORIGINAL, result

GPAI = {"is_gpai_model": True, "provider_established_in_eu": True}
SYSTEMIC_REFS = ["Art 52(1)", "Art 55(1)(a)", "Art 55(1)(b)", "Art 55(1)(c)", "Art 55(1)(d)"]


def test_art51_2_training_compute_above_10_25_flops_is_systemic_risk() -> None:
    data = result(role="provider", training_flops=3.2e25, **GPAI)
    assert data["risk_tier"] == "gpai_systemic_risk"
    for ref in [*SYSTEMIC_REFS, "Art 53(1)(a)", "Art 53(1)(b)"]:
        assert ref in data["obligations"]


@pytest.mark.parametrize("flops", [1e25, 10**25, 9.99e24, 0])
def test_art51_2_threshold_is_strictly_greater_than_10_25(flops: float) -> None:
    data = result(role="provider", training_flops=flops, **GPAI)
    assert data["risk_tier"] == "gpai"
    assert not set(SYSTEMIC_REFS) & set(data["obligations"])


def test_art51_2_one_flop_above_10_25_as_integer_is_systemic() -> None:
    assert result(training_flops=10**25 + 1, **GPAI)["risk_tier"] == "gpai_systemic_risk"


def test_art51_1_b_commission_designation_makes_a_small_model_systemic() -> None:
    data = result(
        role="provider", training_flops=1e22, commission_designated_systemic_risk=True, **GPAI
    )
    assert data["risk_tier"] == "gpai_systemic_risk"
    assert any(s["citation"].startswith("Art 51(1)(b)") for s in data["explanation"])


def test_art53_1_plain_gpai_provider_owes_all_four_duties_and_nothing_systemic() -> None:
    data = result(role="provider", training_flops=5e23, **GPAI)
    assert data["obligations"] == ["Art 53(1)(a)", "Art 53(1)(b)", "Art 53(1)(c)", "Art 53(1)(d)"]


def test_art53_2_open_source_release_exempts_from_53_1_a_and_b_only() -> None:
    data = result(role="provider", training_flops=5e23, open_source_release=True, **GPAI)
    assert data["risk_tier"] == "gpai"
    assert data["obligations"] == ["Art 53(1)(c)", "Art 53(1)(d)"]


@pytest.mark.parametrize(
    "systemic", [{"training_flops": 2e25}, {"commission_designated_systemic_risk": True}]
)
def test_art53_2_open_source_exemption_never_applies_to_systemic_risk(systemic: dict) -> None:
    data = result(role="provider", open_source_release=True, **GPAI, **systemic)
    assert data["risk_tier"] == "gpai_systemic_risk"
    assert "Art 53(1)(a)" in data["obligations"]
    assert "Art 53(1)(b)" in data["obligations"]


def test_recital_103_monetised_open_source_model_loses_the_exemption() -> None:
    data = result(role="provider", open_source_release=True, monetised=True, **GPAI)
    assert "Art 53(1)(a)" in data["obligations"]


def test_art54_1_non_eu_gpai_provider_must_appoint_an_authorised_representative() -> None:
    data = result(role="provider", is_gpai_model=True, provider_established_in_eu=False)
    assert "Art 54(1)" in data["obligations"]
    assert "Art 54(1)" not in result(role="provider", **GPAI)["obligations"]


def test_art54_6_open_source_non_systemic_needs_no_authorised_representative() -> None:
    facts = {"is_gpai_model": True, "open_source_release": True}
    assert "Art 54(1)" not in result(role="provider", **facts)["obligations"]
    representative = result(role="authorised_representative", **facts)
    assert representative["obligations"] == []
    assert representative["compliance_deadline"] is None
    assert result(role="authorised_representative", is_gpai_model=True)["obligations"] == [
        "Art 54(3)"
    ]


@pytest.mark.parametrize("role", ["provider", "deployer", "importer", "authorised_representative"])
def test_art49_art52_gpai_models_are_never_registered_in_the_eu_database(role: str) -> None:
    data = result(role=role, training_flops=1e26, **GPAI)
    assert data["must_register_eu_database"] is False
    assert data["registration_section"] is None
    assert data["registration_visibility"] is None


@pytest.mark.parametrize("role", ["deployer", "importer", "distributor"])
def test_art53_chapter_v_binds_model_providers_only(role: str) -> None:
    data = result(role=role, training_flops=1e26, **GPAI)
    assert data["risk_tier"] == "gpai_systemic_risk"
    assert data["obligations"] == []
    assert data["compliance_deadline"] is None


@pytest.mark.parametrize("calendar", CALENDAR_NAMES)
def test_art111_3_gpai_placed_before_2025_08_02_has_until_2027_08_02(calendar: str) -> None:
    legacy = result(
        calendar, role="provider", placed_on_market_date="2024-05-01", date_status="actual", **GPAI
    )
    assert legacy["compliance_deadline"] == "2027-08-02"
    assert "art_111" in [s["step"] for s in legacy["explanation"]]
    new = result(calendar, role="provider", placed_on_market_date="2025-08-02", **GPAI)
    assert new["compliance_deadline"] == "2025-08-02"


def test_art3_63_gpai_model_ignores_system_facts_which_are_classified_separately() -> None:
    data = result(
        AMENDED, role="provider", annex_iii_area="4(a)", interacts_with_humans=True, **GPAI
    )
    assert data["risk_tier"] == "gpai"
    assert data["transparency_triggers"] == []
    assert result(ORIGINAL, role="provider", **GPAI)["risk_tier"] == "gpai"
