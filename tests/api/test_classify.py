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
    body = response.json()
    titles = body.pop("titles")
    assert body == classify(facts, calendar=calendar).to_dict()
    assert set(titles) == set(body["obligations"])


def test_without_calendar_the_default_applies(api, alice):
    response = api(ORG_A_HOST, user=alice).post("/api/v1/classify", {"facts": {}})
    assert response.json() == {**classify({}).to_dict(), "titles": {}}


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


def test_classify_accepts_the_contract_2_facts_and_titles_each_obligation(api, alice):  # type: ignore[no-untyped-def]
    facts = {
        "role": "deployer",
        "annex_iii_area": "4(a)",
        "becomes_provider_art25": "own_name_or_trademark",
        "art50_exceptions": ["obvious_from_context"],
        "interacts_with_humans": True,
        "annex_i_section": None,
        "provides_public_services": False,
        "out_of_scope": None,
        "annex_x_system": False,
    }
    client = api(ORG_A_HOST, user=alice)
    body = client.post("/api/v1/classify", {"facts": facts}).json()
    assert "Art 49(1)" in body["obligations"]
    assert body["titles"]["Art 9"] == "risk-management system"
    refused = client.post(
        "/api/v1/classify",
        {"facts": {"role": "provider", "out_of_scope": "personal_non_professional"}},
    )
    assert "facts.out_of_scope" in assert_problem(refused, 400, "invalid_facts")["errors"]
