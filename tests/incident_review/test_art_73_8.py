"""Art 73(8): the market-surveillance authority takes its measures within seven days of receiving
the report -- a period of the legal calendar's data, not of code (both calendars)."""

from __future__ import annotations

from datetime import date

import pytest

from registry.rules.incidents import measure_period_ends_on


@pytest.mark.parametrize("calendar", ["original_2024_1689", "amended_2026_1744"])
def test_art_73_8_measures_within_seven_days_of_receipt(calendar):
    received = date(2026, 12, 7)
    assert measure_period_ends_on(regime="art73", received_on=received, calendar=calendar) == date(
        2026, 12, 14
    )


def test_art_55_1_c_sets_the_ai_office_no_such_period():
    assert (
        measure_period_ends_on(
            regime="art55", received_on=date(2026, 12, 7), calendar="amended_2026_1744"
        )
        is None
    )
