"""POST /api/v1/classify returns exactly what registry.rules.classify returns."""

from __future__ import annotations

import pytest

from registry.rules import classify, list_calendars
from tests.api.helpers import ORG_A_HOST, assert_problem

FACT_SETS = [
    {},
    {"role": "provider", "annex_iii_area": "4(a)", "placed_on_market_date": "2027-01-01"},
    {"role": "deployer", "organisation_type": "public_authority", "annex_iii_area": "5(b)"},
    {"role": "provider", "interacts_with_humans": True, "generates_deepfakes": True},
    {"role": "provider", "social_scoring": True},
    {"role": "provider", "is_gpai_model": True, "training_flops": 1e26},
    {"role": "importer", "annex_i_product": True, "safety_component": True},
]


@pytest.mark.parametrize("calendar", list_calendars())
@pytest.mark.parametrize("facts", FACT_SETS)
def test_result_is_the_rules_engine_result(api, make_key, org_a, facts, calendar):
    response = api(ORG_A_HOST, key=make_key(org_a, scopes=["read"])).post(
        "/api/v1/classify", {"facts": facts, "calendar": calendar}
    )
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json() == classify(facts, calendar=calendar).to_dict()


def test_without_calendar_the_default_applies(api, alice):
    response = api(ORG_A_HOST, user=alice).post("/api/v1/classify", {"facts": {}})
    assert response.json() == classify({}).to_dict()


def test_bad_facts_are_400_naming_each_key(api, alice):
    response = api(ORG_A_HOST, user=alice).post(
        "/api/v1/classify", {"facts": {"colour": "red", "role": "wizard", "monetised": "yes"}}
    )
    body = assert_problem(response, 400, "invalid_facts")
    assert set(body["errors"]) == {"facts.colour", "facts.role", "facts.monetised"}


def test_unknown_calendar_is_400(api, alice):
    response = api(ORG_A_HOST, user=alice).post(
        "/api/v1/classify", {"facts": {}, "calendar": "julian"}
    )
    body = assert_problem(response, 400, "unknown_calendar")
    assert list(body["errors"]) == ["calendar"]


def test_facts_must_be_an_object(api, alice):
    response = api(ORG_A_HOST, user=alice).post("/api/v1/classify", {"facts": ["role"]})
    body = assert_problem(response, 400, "validation_failed")
    assert list(body["errors"]) == ["facts"]
