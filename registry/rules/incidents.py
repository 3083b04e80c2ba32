"""Serious-incident clocks: by when an incident must be reported, from the legal calendar's data.

Two regimes (ai-act.md sections 5, 7 and 8):

- ``art73``: a high-risk AI system's provider reports to the market-surveillance authority of the
  member state where the incident occurred, not later than 15 days after becoming aware
  (Art 73(2)), 2 days for a widespread infringement or a serious and irreversible disruption of
  critical infrastructure (Art 73(3)), 10 days for a death (Art 73(4)). "Immediately" in every
  case; these are the outer limits, and where several apply the shortest wins.
- ``art55``: a GPAI model with systemic risk's provider reports to the AI Office "without undue
  delay" (Art 55(1)(c)); the Code of Practice (Safety and Security, Measure 9.3) sets 2 days for
  critical infrastructure, 5 for a serious cybersecurity breach, 10 for a death and 15 for the
  other harms, intermediate reports at least every four weeks while unresolved, and a final
  report within 60 days of resolution.

The day counts are data in each calendar's ``incident_clocks`` section, never code: a change in
the law is a reviewed change to a JSON file. Days are calendar days (Regulation 1182/71).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any

from .enums import LegalEnum
from .errors import CalendarError
from .legal_calendar import CALENDARS, LegalCalendar, get_calendar


class IncidentHarm(LegalEnum):
    """What makes an incident serious (Art 3(49)); ``cybersecurity`` exists only under the Code
    of Practice (Measure 9.3) for GPAI models with systemic risk."""

    DEATH = "death", "Art 3(49)(a)"
    HEALTH = "health", "Art 3(49)(a)"
    CRITICAL_INFRASTRUCTURE = "critical_infrastructure", "Art 3(49)(b)"
    FUNDAMENTAL_RIGHTS = "fundamental_rights", "Art 3(49)(c)"
    PROPERTY_ENVIRONMENT = "property_environment", "Art 3(49)(d)"
    CYBERSECURITY = "cybersecurity", "CoP Safety and Security Measure 9.3"


class IncidentRegime(LegalEnum):
    """Who reports to whom: a high-risk system to the national market-surveillance authority
    (Art 73), a GPAI model with systemic risk to the AI Office (Art 55(1)(c))."""

    ART73 = "art73", "Art 73"
    ART55 = "art55", "Art 55(1)(c)"


class IncidentClockError(ValueError):
    """The facts of an incident do not start a clock (no harm, a harm the regime does not know).

    ``errors`` maps each offending argument to a message, as ``FactsError`` does."""

    code = "invalid_incident"

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {message}" for key, message in self.errors.items()))


@dataclass(frozen=True, slots=True)
class IncidentClock:
    due_on: date
    days: int
    citation: str
    rule: str  # the calendar rule that set the date, e.g. "art_73_4_death"


@dataclass(frozen=True, slots=True)
class _Rule:
    rule: str
    days: int
    citation: str
    harms: frozenset[IncidentHarm]
    widespread: bool  # the rule applies to a widespread infringement, whatever the harm


@dataclass(frozen=True, slots=True)
class _Regime:
    rules: tuple[_Rule, ...]
    intermediate_every_days: int | None
    final_after_resolution_days: int | None
    # Art 73(8): the authority's measures within so many days of receiving the report.
    measures_within_days: int | None = None

    @property
    def harms(self) -> frozenset[IncidentHarm]:
        return frozenset().union(*(rule.harms for rule in self.rules))


def _positive(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{where}: {value!r} is not a positive number of days")
    return value


def _parse(name: str, raw: Mapping[str, Any]) -> dict[IncidentRegime, _Regime]:
    try:
        regimes: dict[IncidentRegime, _Regime] = {}
        missing = sorted({regime.value for regime in IncidentRegime} - set(raw))
        if missing:
            raise ValueError(f"no clocks for {missing}")
        for regime in IncidentRegime:
            section = raw[regime.value]
            rules = tuple(
                _Rule(
                    rule=str(entry["rule"]),
                    days=_positive(entry["days"], entry["rule"]),
                    citation=str(entry["citation"]),
                    harms=frozenset(IncidentHarm(h) for h in entry.get("harms", ())),
                    widespread=bool(entry.get("widespread", False)),
                )
                for entry in section["rules"]
            )
            if not rules or any(not (r.harms or r.widespread) for r in rules):
                raise ValueError(f"{regime.value}: every rule names harms or widespread")
            every = section.get("intermediate_every_days")
            final = section.get("final_after_resolution_days")
            measures = section.get("authority_measures_within_days")
            regimes[regime] = _Regime(
                rules=rules,
                intermediate_every_days=None if every is None else _positive(every, "intermediate"),
                final_after_resolution_days=None if final is None else _positive(final, "final"),
                measures_within_days=None
                if measures is None
                else _positive(measures, "authority_measures"),
            )
        return regimes
    except (KeyError, TypeError, ValueError) as exc:
        # Like a broken milestone: a deployment error, found at import, never a wrong date.
        raise CalendarError(f"Calendar {name} has invalid incident_clocks: {exc}") from exc


_CLOCKS: Mapping[str, Mapping[IncidentRegime, _Regime]] = MappingProxyType(
    {name: _parse(name, calendar.incident_clocks) for name, calendar in CALENDARS.items()}
)


def _regime(regime: IncidentRegime | str, calendar: LegalCalendar | str) -> _Regime:
    loaded = calendar if isinstance(calendar, LegalCalendar) else get_calendar(calendar)
    key = loaded.name.value
    try:
        return _CLOCKS[key][IncidentRegime(regime)]
    except ValueError:
        raise IncidentClockError(
            {"regime": f"{regime!r} is not one of {', '.join(IncidentRegime)}"}
        ) from None


def harms_of(
    regime: IncidentRegime | str, calendar: LegalCalendar | str
) -> frozenset[IncidentHarm]:
    """The harms a report under ``regime`` may name."""
    return _regime(regime, calendar).harms


def _harms(
    values: Iterable[IncidentHarm | str], allowed: frozenset[IncidentHarm]
) -> set[IncidentHarm]:
    given = list(values)
    if not given:
        raise IncidentClockError({"harms": "name at least one harm (Art 3(49))"})
    try:
        harms = {IncidentHarm(value) for value in given}
    except ValueError:
        raise IncidentClockError(
            {"harms": f"unknown harm in {given!r}; expected {', '.join(IncidentHarm)}"}
        ) from None
    unknown = sorted(harms - allowed)
    if unknown:
        raise IncidentClockError(
            {"harms": f"{', '.join(unknown)} does not apply to this kind of report"}
        )
    return harms


def incident_clock(
    *,
    regime: IncidentRegime | str,
    harms: Iterable[IncidentHarm | str],
    widespread: bool,
    aware_on: date,
    calendar: LegalCalendar | str,
) -> IncidentClock:
    """The latest date for the initial report: the shortest period of every rule that applies,
    counted in calendar days from the day the provider became aware."""
    clocks = _regime(regime, calendar)
    named = _harms(harms, clocks.harms)
    applicable = [
        rule for rule in clocks.rules if rule.harms & named or (widespread and rule.widespread)
    ]
    # Every named harm is in some rule (checked above), so at least one applies.
    shortest = min(applicable, key=lambda rule: (rule.days, rule.rule))
    return IncidentClock(
        due_on=aware_on + timedelta(days=shortest.days),
        days=shortest.days,
        citation=shortest.citation,
        rule=shortest.rule,
    )


def intermediate_due_on(
    *, regime: IncidentRegime | str, last_report_on: date, calendar: LegalCalendar | str
) -> date | None:
    """When the next intermediate report is due while the incident is unresolved (CoP Measure
    9.3: at least every four weeks); None where the regime sets no such period (Art 73)."""
    every = _regime(regime, calendar).intermediate_every_days
    return None if every is None else last_report_on + timedelta(days=every)


def final_due_on(
    *, regime: IncidentRegime | str, resolved_on: date, calendar: LegalCalendar | str
) -> date | None:
    """When the final report is due after the incident is resolved (CoP Measure 9.3: 60 days);
    None where the regime sets no period (Art 73(6) asks for the investigation, with no date)."""
    days = _regime(regime, calendar).final_after_resolution_days
    return None if days is None else resolved_on + timedelta(days=days)


def measure_period_ends_on(
    *, regime: IncidentRegime | str, received_on: date, calendar: LegalCalendar | str
) -> date | None:
    """By when the authority takes its measures after receiving the report (Art 73(8): seven
    days); None where the regime sets no period (Art 55(1)(c))."""
    days = _regime(regime, calendar).measures_within_days
    return None if days is None else received_on + timedelta(days=days)
