"""Facts validation: unknown keys and bad values raise FactsError (classification contract)."""

from __future__ import annotations

from datetime import date

import pytest

from registry.rules import CalendarError, FactsError, classify


def _errors(facts: object) -> dict[str, str]:
    with pytest.raises(FactsError) as caught:
        classify(facts)  # type: ignore[arg-type]
    return caught.value.errors


def test_contract_unknown_keys_are_rejected_and_all_named() -> None:
    with pytest.raises(FactsError) as caught:
        classify({"role": "provider", "risk": "high", "annex_3": "4(a)"})
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.code == "invalid_facts"
    assert set(error.errors) == {"risk", "annex_3"}
    assert "risk" in str(error) and "annex_3" in str(error)


@pytest.mark.parametrize(
    "key,value",
    [
        ("role", "vendor"),
        ("organisation_type", "ngo"),
        ("annex_iii_area", "9(a)"),
        ("annex_iii_area", "2(a)"),
        ("annex_iii_area", "4"),
        ("art6_3_condition", "e"),
        ("remote_biometric_identification", "yes"),
        ("art5_exception_invoked", "5(1)(h)(iv)"),
        ("emotion_recognition_setting", "home"),
        ("date_status", "estimated"),
        ("role", "Provider"),
    ],
)
def test_contract_wrong_enum_value_is_rejected_naming_allowed_values(key: str, value: str) -> None:
    errors = _errors({key: value})
    assert list(errors) == [key]
    assert "must be one of" in errors[key]


@pytest.mark.parametrize(
    "key,value",
    [
        ("performs_profiling", "true"),
        ("performs_profiling", 1),
        ("is_gpai_model", "yes"),
        ("training_flops", True),
        ("training_flops", "1e25"),
        ("training_flops", -1),
        ("training_flops", float("nan")),
        ("training_flops", float("inf")),
        ("annex_i_legislation", 2017),
        ("role", 3),
    ],
)
def test_contract_wrong_type_is_rejected(key: str, value: object) -> None:
    assert list(_errors({key: value})) == [key]


@pytest.mark.parametrize("value", ["2025-02-30", "2025/01/01", "20250101", "01-02-2025", "", 2025])
def test_contract_bad_dates_are_rejected(value: object) -> None:
    errors = _errors({"placed_on_market_date": value})
    assert "ISO date" in errors["placed_on_market_date"]


def test_contract_every_bad_key_is_reported_at_once() -> None:
    errors = _errors(
        {"role": "boss", "training_flops": "many", "placed_on_market_date": "soon", "extra": 1}
    )
    assert set(errors) == {"role", "training_flops", "placed_on_market_date", "extra"}


def test_contract_facts_must_be_a_mapping() -> None:
    assert "facts" in _errors(["role", "provider"])


def test_contract_null_and_missing_keys_mean_not_applicable() -> None:
    explicit = classify({"role": "provider", "annex_iii_area": None, "performs_profiling": None})
    assert explicit == classify({"role": "provider"})
    assert explicit.risk_tier == "minimal_risk"


def test_contract_date_objects_and_iso_strings_are_equivalent() -> None:
    as_text = classify({"annex_iii_area": "4(a)", "placed_on_market_date": "2025-01-01"})
    as_date = classify({"annex_iii_area": "4(a)", "placed_on_market_date": date(2025, 1, 1)})
    assert as_text == as_date


def test_contract_unknown_calendar_is_a_calendar_error_not_a_facts_error() -> None:
    with pytest.raises(CalendarError) as caught:
        classify({}, calendar="draft_2027")
    assert caught.value.code == "unknown_calendar"
    assert "original_2024_1689" in str(caught.value)
