"""The result of ``classify``: ``Classification`` and its explanation steps.

``to_dict`` returns exactly the JSON of the classification contract (same keys, same order, plain
JSON types); ``from_dict`` reads it back (e.g. a stored result) and rejects anything the contract
does not allow, so a round trip is lossless.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from .enums import (
    LegalCalendarName,
    RegistrationSection,
    RegistrationVisibility,
    RiskTier,
    TransparencyTrigger,
)

_E = TypeVar("_E", RegistrationSection, RegistrationVisibility)

CONTRACT_KEYS: tuple[str, ...] = (
    "risk_tier",
    "transparency_triggers",
    "must_register_eu_database",
    "registration_section",
    "registration_visibility",
    "obligations",
    "compliance_deadline",
    "calendar",
    "ruleset_version",
    "explanation",
)

# "Art N", "Art N(x)" or "Art N(x)(y)", as the contract writes obligation references.
OBLIGATION_PATTERN = re.compile(r"^Art \d+(\([0-9a-z]+\)){0,2}$")


class Step(StrEnum):
    """Names of the explanation steps, in the order ``classify`` takes them (ai-act.md 4.7)."""

    ART_2 = "art_2"
    ART_5 = "art_5"
    GPAI = "gpai"
    ART_6_1 = "art_6_1"
    ANNEX_III = "annex_iii"
    ART_6_3 = "art_6_3"
    ART_50 = "art_50"
    ART_25 = "art_25"
    RISK_TIER = "risk_tier"
    REGISTRATION = "registration"
    ART_27 = "art_27"
    OBLIGATIONS = "obligations"
    ART_111 = "art_111"
    COMPLIANCE_DEADLINE = "compliance_deadline"


class Phrase(str):
    """A parameter of an explanation sentence that is itself English prose, so a translating
    reader translates it too (role names, sub-clauses); plain parameters (citations, dates, names
    the user typed) are shown as they are."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class ExplanationStep:
    """One step of the explanation. ``text`` is the English sentence of the contract; ``template``
    and ``params`` are how it was built (``text == template % params``), kept so a reader can show
    the same sentence in another language. They are not part of the contract JSON."""

    step: str
    citation: str
    text: str
    template: str = field(default="", compare=False)
    params: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, str]:
        return {"step": self.step, "citation": self.citation, "text": self.text}


@dataclass(frozen=True, slots=True)
class Classification:
    risk_tier: RiskTier
    transparency_triggers: tuple[TransparencyTrigger, ...]
    must_register_eu_database: bool
    registration_section: RegistrationSection | None
    registration_visibility: RegistrationVisibility | None
    obligations: tuple[str, ...]
    compliance_deadline: date | None
    calendar: LegalCalendarName
    ruleset_version: str
    explanation: tuple[ExplanationStep, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "risk_tier": self.risk_tier.value,
            "transparency_triggers": [trigger.value for trigger in self.transparency_triggers],
            "must_register_eu_database": self.must_register_eu_database,
            "registration_section": _value_or_none(self.registration_section),
            "registration_visibility": _value_or_none(self.registration_visibility),
            "obligations": list(self.obligations),
            "compliance_deadline": (
                self.compliance_deadline.isoformat() if self.compliance_deadline else None
            ),
            "calendar": self.calendar.value,
            "ruleset_version": self.ruleset_version,
            "explanation": [step.to_dict() for step in self.explanation],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Classification:
        """Rebuild a result from its contract JSON; raise ``ValueError`` on anything else."""
        try:
            return cls._from_dict(data)
        except TypeError as exc:  # e.g. a number where the contract has a date string
            raise ValueError(f"Not a classification: {exc}") from exc

    @classmethod
    def _from_dict(cls, data: Mapping[str, Any]) -> Classification:
        if not isinstance(data, Mapping) or set(data) != set(CONTRACT_KEYS):
            keys = sorted(data) if isinstance(data, Mapping) else data
            raise ValueError(f"Classification keys must be {list(CONTRACT_KEYS)}, got {keys!r}")
        obligations = data["obligations"]
        if not isinstance(obligations, list) or not all(
            isinstance(item, str) and OBLIGATION_PATTERN.match(item) for item in obligations
        ):
            raise ValueError(f"Bad obligations: {obligations!r}")
        if not isinstance(data["must_register_eu_database"], bool):
            raise ValueError("must_register_eu_database must be a boolean")
        if not isinstance(data["ruleset_version"], str):
            raise ValueError("ruleset_version must be a string")
        explanation = data["explanation"]
        if not isinstance(explanation, list):
            raise ValueError("explanation must be a list")
        steps = []
        for item in explanation:
            if not isinstance(item, Mapping) or set(item) != {"step", "citation", "text"}:
                raise ValueError(f"Bad explanation step: {item!r}")
            if not all(isinstance(item[key], str) for key in ("step", "citation", "text")):
                raise ValueError(f"Bad explanation step: {item!r}")
            steps.append(ExplanationStep(item["step"], item["citation"], item["text"]))
        deadline = data["compliance_deadline"]
        triggers = data["transparency_triggers"]
        if not isinstance(triggers, list):
            raise ValueError("transparency_triggers must be a list")
        return cls(
            risk_tier=RiskTier(data["risk_tier"]),
            transparency_triggers=tuple(TransparencyTrigger(item) for item in triggers),
            must_register_eu_database=data["must_register_eu_database"],
            registration_section=_enum_or_none(RegistrationSection, data["registration_section"]),
            registration_visibility=_enum_or_none(
                RegistrationVisibility, data["registration_visibility"]
            ),
            obligations=tuple(obligations),
            compliance_deadline=date.fromisoformat(deadline) if deadline is not None else None,
            calendar=LegalCalendarName(data["calendar"]),
            ruleset_version=data["ruleset_version"],
            explanation=tuple(steps),
        )


def _value_or_none(member: RegistrationSection | RegistrationVisibility | None) -> str | None:
    return member.value if member is not None else None


def _enum_or_none(enum: type[_E], value: Any) -> _E | None:
    return None if value is None else enum(value)
