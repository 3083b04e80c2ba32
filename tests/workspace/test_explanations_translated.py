"""Issue 12 items 12-13: explanation steps and obligation titles in German and French, with the
citations exactly as the engine wrote them."""

from __future__ import annotations

import pytest
from django.utils import translation

from registry import rules
from registry.workspace import explanations

FACTS = {"role": "provider", "annex_iii_area": "4(a)", "respondent_established_in_eu": True}


@pytest.mark.parametrize(
    "lang,word", [("de", "Die Zweckbestimmung fällt unter"), ("fr", "La destination relève de")]
)
def test_explanation_steps_are_translated_with_the_citations_unchanged(
    lang: str, word: str
) -> None:
    result = rules.classify(FACTS).to_dict()
    with translation.override(lang):
        steps = explanations.localised_explanation(result, FACTS)
    assert [s["citation"] for s in steps] == [s["citation"] for s in result["explanation"]]
    assert all(s["translated"] for s in steps)
    assert any(s["text"].startswith(word) and "Annex III 4(a)" in s["text"] for s in steps)
    english = [s["text"] for s in result["explanation"]]
    assert not set(s["text"] for s in steps) & set(english)


def test_a_result_from_older_rules_stays_in_english() -> None:
    result = {**rules.classify(FACTS).to_dict(), "ruleset_version": "2026.11.1"}
    with translation.override("de"):
        steps = explanations.localised_explanation(result, FACTS)
    assert [s["text"] for s in steps] == [s["text"] for s in result["explanation"]]
    assert not any(s["translated"] for s in steps)


def test_every_obligation_has_a_title_in_english_german_and_french() -> None:
    result = rules.classify(FACTS)
    assert rules.obligation_title("Art 9") == "risk-management system"
    for lang in ("de", "fr"):
        with translation.override(lang):
            titles = explanations.obligation_titles(result.obligations)
        assert all(titles.values()), titles
        assert titles["Art 9"] != "risk-management system"
