"""Legal calendars: the application dates of the AI Act, loaded from JSON data files.

The dates live in ``calendars/<name>.json`` rather than in code because the Digital Omnibus
(Reg (EU) 2026/1744, ai-act.md section 9) moved several of them and further amendments are
likely; changing a date must be a data change that shows up in review, not a code change.

The default calendar is process-wide state: the Django settings call ``set_default_calendar`` at
startup; before that it comes from the ``LEGAL_CALENDAR`` environment variable, else
``amended_2026_1744``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .enums import LegalCalendarName
from .errors import CalendarError

CALENDAR_DIR = Path(__file__).resolve().parent / "calendars"
DEFAULT_CALENDAR = LegalCalendarName.AMENDED_2026_1744
ENV_VAR = "LEGAL_CALENDAR"


class Milestone(StrEnum):
    """The keys every calendar file must define (see the JSON files for their citations)."""

    ENTRY_INTO_FORCE = "entry_into_force"
    PROHIBITIONS = "prohibitions"
    GPAI_OBLIGATIONS = "gpai_obligations"
    GPAI_LEGACY_CUTOFF = "gpai_legacy_cutoff"
    GPAI_LEGACY_DEADLINE = "gpai_legacy_deadline"
    ANNEX_III_HIGH_RISK = "annex_iii_high_risk"
    ART_6_3_REGISTRATION = "art_6_3_registration"
    TRANSPARENCY = "transparency"
    TRANSPARENCY_50_2_LEGACY_CUTOFF = "transparency_50_2_legacy_cutoff"
    TRANSPARENCY_50_2_LEGACY = "transparency_50_2_legacy"
    ANNEX_I_HIGH_RISK = "annex_i_high_risk"
    HIGH_RISK_LEGACY_CUTOFF = "high_risk_legacy_cutoff"
    PUBLIC_AUTHORITY_LEGACY_DEADLINE = "public_authority_legacy_deadline"
    ANNEX_X_LEGACY_CUTOFF = "annex_x_legacy_cutoff"
    ANNEX_X_LEGACY_DEADLINE = "annex_x_legacy_deadline"


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    date: date
    citation: str
    note: str


@dataclass(frozen=True, slots=True)
class LegalCalendar:
    name: LegalCalendarName
    title: str
    verified: bool
    milestones: Mapping[Milestone, CalendarEntry]
    # The serious-incident clocks (Art 73(2)-(4); Art 55(1)(c) with CoP Measure 9.3), as data;
    # read by ``incidents.incident_clock``, which checks their shape when the calendar loads.
    incident_clocks: Mapping[str, Any]

    def date(self, milestone: Milestone) -> date:
        return self.milestones[milestone].date

    def citation(self, milestone: Milestone) -> str:
        return self.milestones[milestone].citation


def _load(name: LegalCalendarName) -> LegalCalendar:
    path = CALENDAR_DIR / f"{name.value}.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw["name"] != name.value:
            raise ValueError(f"file declares name {raw['name']!r}")
        entries = raw["milestones"]
        missing = sorted(set(Milestone) - set(entries))
        unknown = sorted(set(entries) - set(Milestone))
        if missing or unknown:
            raise ValueError(f"missing milestones {missing}, unknown milestones {unknown}")
        milestones = {
            Milestone(key): CalendarEntry(
                date=date.fromisoformat(entry["date"]),
                citation=str(entry["citation"]),
                note=str(entry.get("note", "")),
            )
            for key, entry in sorted(entries.items())
        }
        return LegalCalendar(
            name=name,
            title=str(raw["title"]),
            verified=bool(raw["verified"]),
            milestones=MappingProxyType(milestones),
            incident_clocks=MappingProxyType(dict(raw["incident_clocks"])),
        )
    except (OSError, KeyError, TypeError, ValueError) as exc:
        # A broken calendar is a deployment error: fail at import, never classify with it.
        raise CalendarError(f"Calendar file {path.name} is invalid: {exc}") from exc


CALENDARS: Mapping[str, LegalCalendar] = MappingProxyType(
    {name.value: _load(name) for name in LegalCalendarName}
)


def list_calendars() -> tuple[str, ...]:
    """Names of the shipped calendars, in a stable order."""
    return tuple(sorted(CALENDARS))


def get_calendar(name: str) -> LegalCalendar:
    try:
        return CALENDARS[name]
    except (KeyError, TypeError):
        raise CalendarError(
            f"Unknown legal calendar {name!r}; expected one of {', '.join(list_calendars())}"
        ) from None


def _initial_default() -> str:
    name = os.environ.get(ENV_VAR) or DEFAULT_CALENDAR.value
    return get_calendar(name).name.value


_default_calendar: str = _initial_default()


def set_default_calendar(name: str) -> None:
    """Set the calendar ``classify`` uses when none is passed (called from Django settings)."""
    global _default_calendar
    _default_calendar = get_calendar(name).name.value


def get_default_calendar() -> str:
    return _default_calendar
