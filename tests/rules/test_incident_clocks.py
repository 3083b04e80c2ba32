"""Serious-incident clocks (Art 73(2)-(4); Art 55(1)(c) with CoP Safety and Security Measure 9.3),
one test per rule, named after its paragraph; the day counts come from both calendars' data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import registry.rules as rules
from registry.rules.incidents import (
    IncidentClockError,
    IncidentHarm,
    IncidentRegime,
    final_due_on,
    harms_of,
    incident_clock,
    intermediate_due_on,
)

from .helpers import AMENDED, ORIGINAL

AWARE = date(2027, 3, 10)
BOTH = pytest.mark.parametrize("calendar", [ORIGINAL, AMENDED])


def _art73(harms: list[str], *, widespread: bool = False, calendar: str = AMENDED):
    return incident_clock(
        regime="art73", harms=harms, widespread=widespread, aware_on=AWARE, calendar=calendar
    )


def _cop(harms: list[str], calendar: str = AMENDED):
    return incident_clock(
        regime="art55", harms=harms, widespread=False, aware_on=AWARE, calendar=calendar
    )


@BOTH
def test_art_73_3_widespread_infringement_two_days(calendar: str) -> None:
    clock = _art73(["fundamental_rights"], widespread=True, calendar=calendar)
    assert (clock.due_on, clock.days, clock.citation) == (date(2027, 3, 12), 2, "Art 73(3)")
    assert clock.rule == "art_73_3_widespread_infringement"


@BOTH
def test_art_73_3_critical_infrastructure_two_days(calendar: str) -> None:
    clock = _art73(["critical_infrastructure"], calendar=calendar)
    assert (clock.due_on, clock.citation, clock.rule) == (
        date(2027, 3, 12),
        "Art 73(3)",
        "art_73_3_critical_infrastructure",
    )


@BOTH
def test_art_73_4_death_ten_days(calendar: str) -> None:
    clock = _art73(["death"], calendar=calendar)
    assert (clock.due_on, clock.days, clock.citation) == (date(2027, 3, 20), 10, "Art 73(4)")


@BOTH
@pytest.mark.parametrize("harm", ["health", "fundamental_rights", "property_environment"])
def test_art_73_2_other_serious_incidents_fifteen_days(calendar: str, harm: str) -> None:
    clock = _art73([harm], calendar=calendar)
    assert (clock.due_on, clock.days, clock.citation) == (date(2027, 3, 25), 15, "Art 73(2)")
    assert clock.rule == "art_73_2_serious_incident"


def test_art_73_shortest_applicable_period_wins() -> None:
    assert _art73(["health", "death"]).days == 10
    assert _art73(["death", "critical_infrastructure"]).days == 2
    assert _art73(["death"], widespread=True).days == 2


def test_art_73_period_counts_calendar_days_across_month_and_year_ends() -> None:
    clock = incident_clock(
        regime="art73",
        harms=["health"],
        widespread=False,
        aware_on=date(2027, 12, 20),
        calendar=AMENDED,
    )
    assert clock.due_on == date(2028, 1, 4)


def test_art_73_knows_no_cybersecurity_harm_and_needs_a_harm() -> None:
    with pytest.raises(IncidentClockError) as refused:
        _art73(["cybersecurity"])
    assert set(refused.value.errors) == {"harms"}
    with pytest.raises(IncidentClockError):
        _art73([])
    with pytest.raises(IncidentClockError):
        _art73(["papercut"])
    with pytest.raises(IncidentClockError) as regime:
        incident_clock(
            regime="art99", harms=["death"], widespread=False, aware_on=AWARE, calendar=AMENDED
        )
    assert set(regime.value.errors) == {"regime"}


@BOTH
def test_cop_9_3_critical_infrastructure_two_days(calendar: str) -> None:
    clock = _cop(["critical_infrastructure"], calendar)
    assert (clock.due_on, clock.rule) == (date(2027, 3, 12), "cop_9_3_critical_infrastructure")
    assert "Art 55(1)(c)" in clock.citation and "9.3" in clock.citation


@BOTH
def test_cop_9_3_cybersecurity_breach_five_days(calendar: str) -> None:
    clock = _cop(["cybersecurity"], calendar)
    assert (clock.due_on, clock.days, clock.rule) == (date(2027, 3, 15), 5, "cop_9_3_cybersecurity")


@BOTH
def test_cop_9_3_death_ten_days(calendar: str) -> None:
    assert _cop(["death"], calendar).due_on == date(2027, 3, 20)


@BOTH
@pytest.mark.parametrize("harm", ["health", "fundamental_rights", "property_environment"])
def test_cop_9_3_other_serious_harm_fifteen_days(calendar: str, harm: str) -> None:
    clock = _cop([harm], calendar)
    assert (clock.days, clock.rule) == (15, "cop_9_3_serious_harm")


def test_cop_9_3_shortest_applicable_period_wins() -> None:
    assert _cop(["health", "cybersecurity"]).days == 5
    assert _cop(["death", "cybersecurity", "critical_infrastructure"]).days == 2


@BOTH
def test_cop_9_3_intermediate_reports_every_four_weeks(calendar: str) -> None:
    due = intermediate_due_on(regime="art55", last_report_on=AWARE, calendar=calendar)
    assert due == date(2027, 4, 7)
    # Art 73 sets no intermediate period: follow-ups come when the investigation has news.
    assert intermediate_due_on(regime="art73", last_report_on=AWARE, calendar=calendar) is None


@BOTH
def test_cop_9_3_final_report_sixty_days_after_resolution(calendar: str) -> None:
    assert final_due_on(regime="art55", resolved_on=AWARE, calendar=calendar) == date(2027, 5, 9)
    assert final_due_on(regime="art73", resolved_on=AWARE, calendar=calendar) is None


def test_harms_per_regime() -> None:
    assert IncidentHarm.CYBERSECURITY in harms_of(IncidentRegime.ART55, AMENDED)
    assert harms_of("art73", AMENDED) == set(IncidentHarm) - {IncidentHarm.CYBERSECURITY}


def test_incident_clocks_are_data_in_both_calendar_files() -> None:
    directory = Path(rules.__file__).parent / "calendars"
    for name in (ORIGINAL, AMENDED):
        raw = json.loads((directory / f"{name}.json").read_text())["incident_clocks"]
        assert {rule["days"] for rule in raw["art73"]["rules"]} == {2, 10, 15}
        assert {rule["days"] for rule in raw["art55"]["rules"]} == {2, 5, 10, 15}
        assert raw["art55"]["intermediate_every_days"] == 28
        assert raw["art55"]["final_after_resolution_days"] == 60
