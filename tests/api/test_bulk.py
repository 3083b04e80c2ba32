"""Bulk import (JSON and CSV, all or nothing, per-row errors) and export that imports again."""

from __future__ import annotations

import json

import jsonschema
from django_tenants.utils import tenant_context

from registry.workspace.models import AISystem
from tests.api.helpers import ORG_A_HOST, ORG_B_HOST, PUBLIC_HOST, assert_problem

ROWS = [
    {"trade_name": "One", "role": "provider", "member_states": ["DE", "FR"], "status": ""},
    {
        "trade_name": "Two",
        "role": "deployer",
        "provider_established_in_eu": None,
        "submitted_on_behalf": True,
        "intended_purpose": "=SUM(A1) looks like a formula",
    },
]


def _names(org) -> list[str]:  # type: ignore[no-untyped-def]
    with tenant_context(org):
        return sorted(AISystem.objects.values_list("trade_name", flat=True))


def test_json_import_creates_every_row(api, alice, org_a):
    response = api(ORG_A_HOST, user=alice).post("/api/v1/systems/bulk", ROWS)
    assert response.status_code == 201, response.content
    assert response.json()["created"] == 2
    assert _names(org_a) == ["One", "Two"]


def test_one_bad_row_imports_nothing_and_names_row_and_field(api, alice, org_a):
    rows = [*ROWS, {"trade_name": "Three", "role": "pilot"}, {"role": "provider", "x": 1}]
    response = api(ORG_A_HOST, user=alice).post("/api/v1/systems/bulk", rows)
    body = assert_problem(response, 422, "bulk_rejected")
    assert set(body["errors"]) == {"3.role", "4.trade_name", "4.x"}
    assert _names(org_a) == []


def test_service_refusals_roll_back_the_whole_batch(api, alice, org_a):
    twins = [{"trade_name": "Twin", "role": "provider"}] * 2
    response = api(ORG_A_HOST, user=alice).post("/api/v1/systems/bulk", [ROWS[0], *twins])
    body = assert_problem(response, 422, "bulk_rejected")
    assert all(key.startswith("3.") for key in body["errors"]), body
    assert _names(org_a) == []


def test_csv_import_with_documented_header(api, alice, org_a):
    csv = (
        "trade_name,role,member_states,submitted_on_behalf\n"
        "Gamma,provider,DE;AT,true\n"
        "Delta,deployer,,false\n"
    )
    response = api(ORG_A_HOST, user=alice).request(
        "POST", "/api/v1/systems/bulk", csv, content_type="text/csv"
    )
    assert response.status_code == 201, response.content
    with tenant_context(org_a):
        gamma = AISystem.objects.get(trade_name="Gamma")
    assert gamma.member_states == ["DE", "AT"] and gamma.submitted_on_behalf is True


def test_csv_errors_count_rows_without_the_header(api, alice, org_a):
    csv = "trade_name,role,dpia_required\nOk,provider,false\nBad,provider,maybe\n"
    response = api(ORG_A_HOST, user=alice).request(
        "POST", "/api/v1/systems/bulk", csv, content_type="text/csv"
    )
    assert set(assert_problem(response, 422)["errors"]) == {"2.dpia_required"}
    assert _names(org_a) == []


def _streamed_json(response):  # type: ignore[no-untyped-def]
    """The export is written as the rows are read (portal/streaming.py), never held whole."""
    assert response.status_code == 200 and response.streaming
    return json.loads(b"".join(response.streaming_content))


def test_export_round_trips_through_import_in_both_formats(api, alice, cast, org_a, org_b):
    api(ORG_A_HOST, user=alice).post("/api/v1/systems/bulk", ROWS)
    exported = _streamed_json(api(ORG_A_HOST, user=alice).get("/api/v1/systems/export?format=json"))
    csv = b"".join(
        api(ORG_A_HOST, user=alice).get("/api/v1/systems/export?format=csv").streaming_content
    ).decode()
    assert csv.splitlines()[0].startswith("provider_name,")
    assert "'=SUM(A1)" in csv  # a spreadsheet would not run it

    owner_b = api(ORG_B_HOST, user=cast.owner_b)
    assert owner_b.post("/api/v1/systems/bulk", exported).status_code == 201
    assert _streamed_json(owner_b.get("/api/v1/systems/export")) == exported
    with tenant_context(org_b):
        AISystem.objects.all().delete()
    response = owner_b.request("POST", "/api/v1/systems/bulk", csv, content_type="text/csv")
    assert response.status_code == 201, response.content
    assert _streamed_json(owner_b.get("/api/v1/systems/export")) == exported


def test_published_schema_accepts_the_export_and_refuses_bad_rows(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    client.post("/api/v1/systems/bulk", ROWS)
    schema = client.get("/api/v1/systems/bulk/schema.json").json()
    assert (
        api(PUBLIC_HOST).get("/api/v1/schemas/systems-bulk.json").json()["items"]
        == (schema["items"])
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(_streamed_json(client.get("/api/v1/systems/export")))
    for bad in (
        {"trade_name": "X", "role": "pilot"},
        {"role": "provider"},
        {"trade_name": "X", "role": "provider", "extra": 1},
    ):
        assert not validator.is_valid([bad])
        assert client.post("/api/v1/systems/bulk", [bad]).status_code == 422
