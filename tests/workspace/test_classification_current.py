"""Stored classifications and the ruleset that made them: a result from older rules is flagged
and re-run with the same facts and calendar (classification-contract.md, "Stored")."""

from __future__ import annotations

from registry import rules
from registry.workspace import selectors, services
from registry.workspace.models import Classification
from tests.workspace.helpers import make_system

HIGH_RISK = {"role": "provider", "annex_iii_area": "5(d)", "respondent_established_in_eu": True}
OLD_VERSION = "2026.11.1"
# The facts as contract 1 stored them: its 39 keys, none of contract 2's.
CONTRACT_1_KEYS = set(rules.FACT_KEYS) - {
    "annex_i_section",
    "out_of_scope",
    "provides_public_services",
    "becomes_provider_art25",
    "art50_exceptions",
    "annex_x_system",
}


def _as_contract_1(classification: Classification) -> None:
    stored = {key: classification.facts[key] for key in CONTRACT_1_KEYS}
    result = {**classification.result, "ruleset_version": OLD_VERSION}
    Classification.objects.filter(pk=classification.pk).update(
        facts=stored, result=result, ruleset_version=OLD_VERSION
    )


def test_classification_is_current_only_for_the_rules_in_force(in_a, bob):
    system = make_system(bob)
    assert selectors.classification_is_current(system) is False  # never classified
    assert selectors.classification_is_current(None) is False
    classification = services.system_classify(actor=bob, system=system, facts=HIGH_RISK)
    system.refresh_from_db()
    assert selectors.classification_is_current(system) is True
    assert selectors.classification_is_current(classification) is True
    _as_contract_1(classification)
    system.refresh_from_db()
    assert selectors.classification_is_current(system) is False


def test_contract_1_classification_is_re_run_and_explained_unchanged_without_new_facts(in_a, bob):
    system = make_system(bob)
    first = services.system_classify(
        actor=bob, system=system, facts=HIGH_RISK, calendar="original_2024_1689"
    )
    _as_contract_1(first)
    first.refresh_from_db()
    again = services.system_reclassify(actor=bob, system=system)
    assert again.pk != first.pk
    assert again.calendar == "original_2024_1689"
    assert again.ruleset_version == rules.RULESET_VERSION
    unchanged = {**first.result, "ruleset_version": rules.RULESET_VERSION}
    assert again.result == unchanged
    system.refresh_from_db()
    assert selectors.classification_is_current(system) is True
