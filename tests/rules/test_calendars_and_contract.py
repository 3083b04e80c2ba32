"""Legal calendars as data, the default-calendar setting, and the contract JSON shape."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import registry.rules as rules
from registry.rules import (
    CALENDARS,
    CONTRACT_KEYS,
    RULESET_VERSION,
    Classification,
    Milestone,
    classify,
    get_default_calendar,
    list_calendars,
    set_default_calendar,
)

from .helpers import AMENDED, ORIGINAL, result

ROOT = Path(__file__).resolve().parents[2]


def test_both_calendars_ship_as_json_data_with_the_same_milestones() -> None:
    directory = Path(rules.__file__).parent / "calendars"
    names = sorted(path.stem for path in directory.glob("*.json"))
    assert names == [AMENDED, ORIGINAL] == list(list_calendars())
    for name in names:
        raw = json.loads((directory / f"{name}.json").read_text())
        assert set(raw["milestones"]) == {m.value for m in Milestone}


def test_omnibus_moves_annex_iii_and_annex_i_but_not_prohibitions_or_gpai() -> None:
    original, amended = CALENDARS[ORIGINAL], CALENDARS[AMENDED]
    moved = {Milestone.ANNEX_III_HIGH_RISK, Milestone.ANNEX_I_HIGH_RISK}
    assert str(amended.date(Milestone.ANNEX_III_HIGH_RISK)) == "2027-12-02"
    assert str(amended.date(Milestone.ANNEX_I_HIGH_RISK)) == "2028-08-02"
    for milestone in (Milestone.PROHIBITIONS, Milestone.GPAI_OBLIGATIONS, Milestone.TRANSPARENCY):
        assert original.date(milestone) == amended.date(milestone)
    for milestone in moved:
        assert original.date(milestone) < amended.date(milestone)
    assert original.verified is True
    assert amended.verified is False


def test_default_calendar_is_amended_and_can_be_set_by_settings() -> None:
    before = get_default_calendar()
    try:
        set_default_calendar(ORIGINAL)
        assert get_default_calendar() == ORIGINAL
        assert classify({}).calendar == ORIGINAL
        set_default_calendar(AMENDED)
        assert (
            classify({"role": "provider", "annex_iii_area": "4(a)"}).to_dict()[
                "compliance_deadline"
            ]
            == "2027-12-02"
        )
        with pytest.raises(ValueError):
            set_default_calendar("nonsense")
        assert get_default_calendar() == AMENDED
    finally:
        set_default_calendar(before)


@pytest.mark.parametrize("env,expected", [(ORIGINAL, ORIGINAL), ("", AMENDED)])
def test_legal_calendar_environment_variable_sets_the_initial_default(
    env: str, expected: str
) -> None:
    code = "import registry.rules as r; print(r.get_default_calendar())"
    environment = {**os.environ, "LEGAL_CALENDAR": env}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert out.stdout.strip() == expected, out.stderr


def test_contract_to_dict_has_exactly_the_contract_keys_in_order() -> None:
    data = result(role="provider", annex_iii_area="4(a)")
    assert tuple(data) == CONTRACT_KEYS
    assert data["ruleset_version"] == RULESET_VERSION
    assert json.loads(json.dumps(data)) == data  # plain JSON types only
    for step in data["explanation"]:
        assert set(step) == {"step", "citation", "text"}
        assert step["text"].endswith(".")


def test_contract_from_dict_round_trips_and_rejects_foreign_json() -> None:
    original = classify(
        {
            "role": "deployer",
            "organisation_type": "public_authority",
            "annex_iii_area": "6(d)",
            "interacts_with_humans": True,
        }
    )
    assert Classification.from_dict(original.to_dict()) == original
    broken = original.to_dict() | {"extra": 1}
    with pytest.raises(ValueError):
        Classification.from_dict(broken)
    with pytest.raises(ValueError):
        Classification.from_dict(original.to_dict() | {"risk_tier": "unacceptable"})
    with pytest.raises(ValueError):
        Classification.from_dict(original.to_dict() | {"obligations": ["Article 9"]})
    with pytest.raises(ValueError):
        Classification.from_dict(original.to_dict() | {"compliance_deadline": 20261202})


def test_classification_is_frozen() -> None:
    outcome = classify({})
    with pytest.raises(AttributeError):
        outcome.risk_tier = "prohibited"  # type: ignore[misc]


def test_rules_package_imports_no_django() -> None:
    code = (
        "import sys, registry.rules; "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
    for path in (Path(rules.__file__).parent).rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+django", path.read_text(), re.M), path


def test_enums_are_str_enums_carrying_their_legal_reference() -> None:
    assert rules.RiskTier.PROHIBITED == "prohibited"
    assert rules.RiskTier.PROHIBITED.citation == "Art 5"
    assert rules.Role.AUTHORISED_REPRESENTATIVE.citation == "Art 3(5)"
    assert rules.AnnexIIIArea("6(e)").point == 6
    assert len(rules.AnnexIIIArea) == 25
    assert all(member.citation for member in rules.TransparencyTrigger)
