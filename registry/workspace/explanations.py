"""What the rules engine says, in the reader's language: explanation steps and obligation titles.

The engine writes English sentences from ``%``-templates (``registry.rules``); this module
translates the template with gettext and fills in the same parameters, so the citation and every
figure stay exactly as the engine wrote them. A stored result keeps only the English sentence: when
it came from the rules in force, re-running its facts gives back the templates (the engine is
deterministic); a result from older rules stays in English (and the page asks to re-run it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _gettext

from registry import labels, rules


def gettext(message: str) -> str:
    """gettext where Django is set up; the English text where it is not (the standalone PDF
    renderer and verifier run without settings, see tests/filings/test_standalone.py)."""
    return _gettext(message) if settings.configured else message


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _param(value: str) -> str:
    """A sentence's parameter in the reader's language: prose translated, a calendar by its
    label, an ISO date (the engine's) in the language's one date format (portal/formats)."""
    if isinstance(value, rules.Phrase):
        return gettext(value)
    if value in labels.LEGAL_CALENDAR:  # a calendar's name, never its code
        return labels.text(labels.LEGAL_CALENDAR[value])
    if settings.configured and isinstance(value, str) and _ISO_DATE.match(value):
        return str(date_format(date.fromisoformat(value), "DATE_FORMAT"))
    return value


def _render(step: rules.ExplanationStep) -> str:
    if not step.template:
        return step.text
    params = {key: _param(value) for key, value in step.params}
    template = gettext(step.template)
    try:
        return template % params if params else template
    except (KeyError, ValueError, TypeError):  # a broken translation must not hide the reason
        return step.text


def _steps_of(
    result: Mapping[str, Any], facts: Mapping[str, Any] | None
) -> tuple[rules.ExplanationStep, ...] | None:
    if facts is None or result.get("ruleset_version") != rules.RULESET_VERSION:
        return None
    try:
        again = rules.classify(facts, calendar=result.get("calendar"))
    except (rules.FactsError, rules.CalendarError):
        return None
    if [step.to_dict() for step in again.explanation] != list(result.get("explanation") or []):
        return None
    return again.explanation


def localised_explanation(
    result: Mapping[str, Any],
    facts: Mapping[str, Any] | None = None,
    *,
    steps: tuple[rules.ExplanationStep, ...] | None = None,
) -> list[dict[str, Any]]:
    """The explanation as dicts with ``citation``, ``text`` (translated where possible) and
    ``translated`` (False: the English sentence of an older ruleset)."""
    built = steps if steps is not None else _steps_of(result, facts)
    if built is None:
        return [{**step, "translated": False} for step in result.get("explanation") or []]
    return [
        {"step": step.step, "citation": step.citation, "text": _render(step), "translated": True}
        for step in built
    ]


def obligation_titles(references: Iterable[str]) -> dict[str, str]:
    """Each reference's one-line title in the active language ("" when it has none)."""
    return {
        reference: gettext(title) if title else ""
        for reference, title in rules.obligation_titles(references).items()
    }


def titled_obligations(references: Iterable[str]) -> list[dict[str, str]]:
    return [
        {"reference": reference, "title": title}
        for reference, title in obligation_titles(references).items()
    ]


def facts_problems(error: rules.FactsError, facts: Mapping[str, Any]) -> dict[str, str]:
    """Why each answer was refused, in the reader's language (the engine's own wording is
    English and technical: a key or a value that the classification does not know)."""
    role = gettext(str(facts.get("role") or "").replace("_", " "))
    problems = {}
    for key in error.errors:
        if key in error.combinations and key == "out_of_scope":
            problems[key] = gettext(
                "Art 2(10) relieves only a deployer who is a natural person using the system "
                "privately, not the role %(role)s."
            ) % {"role": role}
        elif key in error.combinations and key == "becomes_provider_art25":
            problems[key] = gettext(
                "Art 25(1) applies to a deployer, importer or distributor (or another third "
                "party), not to the role %(role)s."
            ) % {"role": role}
        elif key in rules.FACT_KEYS and key not in error.combinations:
            # The engine's wording names the values it knows: codes, the same in every language.
            problems[key] = gettext(
                "The classification does not know this answer (%(detail)s)."
            ) % {"detail": error.errors[key]}
        elif key in error.combinations:
            problems[key] = gettext("This answer does not go with the others.")
        else:
            problems[key] = gettext("The classification asks no such question.")
    return problems
