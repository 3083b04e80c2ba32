"""What schemathesis (all checks, stateful phase) found in the server and the documents, each as a
cheap specification (issue 18 item 8)."""

from __future__ import annotations

import pytest

from portal.accounts.models import Membership
from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST, assert_problem


def _document(api, host):  # type: ignore[no-untyped-def]
    return api(host).get("/api/schema/?format=json").json()


def test_a_row_id_that_is_not_a_number_is_not_found_not_a_server_error(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    for path in ("/api/v1/members/null/", "/api/v1/api-keys/x/", "/api/v1/audit-events/1e3/"):
        assert client.delete(path).status_code == 404, path


@pytest.mark.parametrize(
    "query",
    ["kind=", "submitted=maybe", "system="],
)
def test_a_filter_value_the_document_does_not_allow_is_refused(api, alice, org_a, query):
    body = assert_problem(
        api(ORG_A_HOST, user=alice).get(f"/api/v1/filings/?{query}"), 400, "validation_failed"
    )
    assert set(body["errors"]) == {query.split("=")[0]}


def test_an_export_format_other_than_json_or_csv_is_refused(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    assert_problem(client.get("/api/v1/systems/export?format="), 400, "validation_failed")
    assert client.get("/api/v1/systems/export?format=csv").status_code == 200
    public = api(PUBLIC_HOST)
    assert_problem(public.get("/api/v1/register/filings/export/?format="), 400)


def test_an_unknown_chapter_of_the_signatory_register_is_refused(api, db):
    response = api(PUBLIC_HOST).get("/api/v1/register/signatories/?chapter=x")
    assert set(assert_problem(response, 400, "validation_failed")["errors"]) == {"chapter"}


def test_patching_a_membership_with_nothing_changes_nothing(api, alice, bob, org_a):
    membership = Membership.objects.get(user=bob, organisation=org_a)
    response = api(ORG_A_HOST, user=alice).patch(
        f"/api/v1/members/{membership.pk}/", {}, headers={"If-Match": "*"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["role"] == membership.role


def test_an_id_of_no_row_is_unknown_reference_and_a_missing_subject_is_not(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    unknown = client.post("/api/v1/gpai-model-versions/", {"model": 10**9, "version": "1"})
    assert_problem(unknown, 400, "unknown_reference")
    no_system = client.post("/api/v1/filings/", {"kind": "annex_viii_a"})
    assert_problem(no_system, 400, "validation_failed")
    not_here = client.post("/api/v1/filings/", {"kind": "annex_viii_a", "system": 10**9})
    assert_problem(not_here, 400, "unknown_reference")


def test_the_documents_state_what_the_server_checks(api, db):
    org = _document(api, ORG_A_HOST)
    schemas = org["components"]["schemas"]
    facts = schemas["ClassifyRequestRequest"]["properties"]["facts"]
    assert facts["additionalProperties"] is False
    assert facts["properties"]["role"]["enum"][-1] is None  # null: not given
    assert schemas["ApiKeyCreateRequest"]["properties"]["scopes"]["minItems"] == 1
    bulk = org["paths"]["/api/v1/systems/bulk"]["post"]["requestBody"]
    assert bulk["required"] is True
    rows = bulk["content"]["application/json"]["schema"]
    assert (rows["minItems"], rows["maxItems"]) == (1, 1000)
    cop = schemas["CopSignatureSetRequest"]["allOf"]
    assert {"status_date", "signatory_name"} <= set(cop[0]["anyOf"][1]["required"])
    public = _document(api, PUBLIC_HOST)
    verify = public["paths"]["/api/v1/register/verify"]["get"]["parameters"]
    assert next(p for p in verify if p["name"] == "sha256")["schema"]["pattern"]


def test_links_lead_from_a_created_row_and_a_list_to_the_rows_operations(api, db):
    paths = _document(api, ORG_A_HOST)["paths"]
    created = paths["/api/v1/systems/"]["post"]["responses"]["201"]["links"]
    assert {"systems_retrieve", "systems_partial_update", "systems_destroy"} <= set(created)
    assert created["systems_retrieve"]["parameters"] == {"id": "$response.body#/id"}
    draft = paths["/api/v1/filings/"]["post"]["responses"]["201"]["links"]
    assert {"filings_checklist", "filings_submit", "filings_status"} <= set(draft)
    queue = _document(api, PUBLIC_HOST)["paths"]["/api/v1/regulator/filings/"]["get"]
    listed = queue["responses"]["200"]["links"]["regulator_start_review"]
    assert listed["parameters"] == {"id": "$response.body#/results/0/id"}
