"""Shared helpers for the rules tests (no Django)."""

from __future__ import annotations

from typing import Any

from registry.rules import classify

ORIGINAL = "original_2024_1689"
AMENDED = "amended_2026_1744"
CALENDAR_NAMES = (ORIGINAL, AMENDED)


def result(calendar: str = ORIGINAL, **facts: Any) -> dict[str, Any]:
    """The contract JSON for ``facts`` under ``calendar``."""
    return classify(facts, calendar=calendar).to_dict()


def steps(data: dict[str, Any]) -> list[str]:
    return [step["step"] for step in data["explanation"]]


def citations(data: dict[str, Any]) -> str:
    return " | ".join(step["citation"] for step in data["explanation"])
