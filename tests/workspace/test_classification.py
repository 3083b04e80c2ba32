from __future__ import annotations

import pytest

from portal.errors import Forbidden, ValidationFailed
from registry import rules
from registry.workspace import selectors, services
from registry.workspace.models import Classification
from tests.workspace.helpers import counts, make_system

HIGH_RISK = {"role": "provider", "annex_iii_area": "5(d)", "respondent_established_in_eu": True}


def test_classification_stores_facts_result_calendar_version_and_who(in_a, bob):
    system = make_system(bob)
    classification = services.system_classify(actor=bob, system=system, facts=HIGH_RISK)
    assert classification.risk_tier == "high_risk"
    assert classification.result == rules.classify(HIGH_RISK).to_dict()
    assert classification.facts["annex_iii_area"] == "5(d)"
    assert set(classification.facts) == set(rules.FACT_KEYS)
    assert classification.calendar == rules.get_default_calendar()
    assert classification.ruleset_version == rules.RULESET_VERSION
    assert classification.classified_by == bob
    system.refresh_from_db()
    assert system.latest_classification == classification
    assert (system.risk_tier, system.registration_section) == ("high_risk", "A")
    assert system.annex_iii_area == "5(d)"


def test_reclassification_keeps_history_and_the_system_shows_the_latest(in_a, bob):
    system = make_system(bob)
    first = services.system_classify(actor=bob, system=system, facts=HIGH_RISK)
    second = services.system_classify(actor=bob, system=system, facts={"role": "provider"})
    history = list(selectors.system_classification_history(system=system))
    assert history == [second, first]
    system.refresh_from_db()
    assert system.latest_classification == second
    assert system.risk_tier == "minimal_risk"
    assert selectors.system_latest_classification(system=system) == second


def test_unknown_fact_keys_are_refused_naming_them_and_nothing_is_written(in_a, bob):
    system = make_system(bob)
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        services.system_classify(
            actor=bob, system=system, facts={"role": "provider", "colour": "red", "size": 3}
        )
    assert exc.value.code == "invalid_facts"
    assert set(exc.value.field_errors) == {"colour", "size"}
    assert counts() == before
    system.refresh_from_db()
    assert system.latest_classification is None


def test_wrong_fact_values_are_refused(in_a, bob):
    system = make_system(bob)
    with pytest.raises(ValidationFailed) as exc:
        services.system_classify(
            actor=bob, system=system, facts={"role": "seller", "annex_i_product": "yes"}
        )
    assert set(exc.value.field_errors) == {"role", "annex_i_product"}
    assert not Classification.objects.exists()


def test_unknown_calendar_is_refused(in_a, bob):
    system = make_system(bob)
    with pytest.raises(ValidationFailed) as exc:
        services.system_classify(actor=bob, system=system, facts={}, calendar="lunar")
    assert "calendar" in exc.value.field_errors


def test_an_explicit_calendar_is_stored(in_a, bob):
    system = make_system(bob)
    row = services.system_classify(
        actor=bob, system=system, facts=HIGH_RISK, calendar="original_2024_1689"
    )
    assert row.calendar == "original_2024_1689"
    assert row.result["compliance_deadline"] == "2026-08-02"


def test_viewer_cannot_classify(in_a, bob, viewer_a):
    system = make_system(bob)
    with pytest.raises(Forbidden):
        services.system_classify(actor=viewer_a, system=system, facts=HIGH_RISK)
    assert not Classification.objects.exists()


def test_app_sets_the_rules_default_calendar_from_settings(settings):
    assert rules.get_default_calendar() == settings.LEGAL_CALENDAR
