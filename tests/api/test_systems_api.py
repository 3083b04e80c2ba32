"""AI systems over the API: create, read with the latest classification, update with If-Match,
classify, history, delete; bad input is a problem and changes nothing."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from registry.workspace.models import AISystem
from tests.api.helpers import ORG_A_HOST, assert_problem

FACTS = {"role": "provider", "annex_iii_area": "4(a)"}


def _count(org) -> int:  # type: ignore[no-untyped-def]
    with tenant_context(org):
        return AISystem.objects.count()


def test_create_classify_and_read_latest_classification(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write"]))
    created = client.post("/api/v1/systems/", {"trade_name": "HireRank", "role": "provider"})
    assert created.status_code == 201, created.content
    system = created.json()
    assert created["ETag"]
    assert system["latest_classification"] is None

    classified = client.post(f"/api/v1/systems/{system['id']}/classifications/", {"facts": FACTS})
    assert classified.status_code == 201, classified.content
    assert classified.json()["risk_tier"] == "high_risk"

    detail = client.get(f"/api/v1/systems/{system['id']}/").json()
    assert detail["risk_tier"] == "high_risk"
    assert detail["latest_classification"]["id"] == classified.json()["id"]
    assert detail["latest_classification"]["result"]["must_register_eu_database"] is True
    history = client.get(f"/api/v1/systems/{system['id']}/classifications/").json()
    assert [c["id"] for c in history["results"]] == [classified.json()["id"]]


def test_stale_if_match_is_412_and_changes_nothing(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write"]))
    system = client.post("/api/v1/systems/", {"trade_name": "A", "role": "provider"})
    path = f"/api/v1/systems/{system.json()['id']}/"
    etag = system["ETag"]
    first = client.patch(path, {"intended_purpose": "one"}, headers={"If-Match": etag})
    assert first.status_code == 200, first.content
    assert first["ETag"] != etag

    second = client.patch(path, {"intended_purpose": "two"}, headers={"If-Match": etag})
    assert_problem(second, 412, "precondition_failed")
    assert client.get(path).json()["intended_purpose"] == "one"
    assert_problem(client.patch(path, {"intended_purpose": "x"}), 428)


def test_invalid_system_is_a_problem_with_field_errors_and_nothing_is_saved(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    before = _count(org_a)
    response = client.post(
        "/api/v1/systems/", {"trade_name": "X", "role": "astronaut", "member_states": ["XX"]}
    )
    body = assert_problem(response, 400, "validation_failed")
    assert {"role", "member_states.0"} <= set(body["errors"])
    assert _count(org_a) == before


def test_duplicate_name_and_reference_is_refused_by_the_service(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    body = {"trade_name": "Twin", "role": "provider", "system_reference": "1"}
    assert client.post("/api/v1/systems/", body).status_code == 201
    assert_problem(client.post("/api/v1/systems/", body), 400)
    assert _count(org_a) == 1


def test_bad_facts_are_field_errors(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    system = client.post("/api/v1/systems/", {"trade_name": "F", "role": "provider"}).json()
    response = client.post(
        f"/api/v1/systems/{system['id']}/classifications/", {"facts": {"no_such_fact": True}}
    )
    body = assert_problem(response, 400)
    assert "no_such_fact" in body["errors"]


def test_filters_and_delete_needs_admin(api, alice, bob, org_a):
    admin = api(ORG_A_HOST, user=alice)
    for name in ("Alpha", "Beta"):
        admin.post("/api/v1/systems/", {"trade_name": name, "role": "deployer"})
    listed = admin.get("/api/v1/systems/?search=alp").json()["results"]
    assert [s["trade_name"] for s in listed] == ["Alpha"]
    path = f"/api/v1/systems/{listed[0]['id']}/"
    assert_problem(api(ORG_A_HOST, user=bob).delete(path), 403, "permission_denied")
    assert admin.delete(path).status_code == 204
    assert_problem(admin.get(path), 404)


def test_idempotent_create_makes_one_system(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["write"]))
    headers = {"Idempotency-Key": "create-once"}
    body = {"trade_name": "Once", "role": "provider"}
    first = client.post("/api/v1/systems/", body, headers=headers)
    second = client.post("/api/v1/systems/", body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert first.json()["id"] == second.json()["id"]
    assert _count(org_a) == 1


def test_list_gives_a_summary_of_the_latest_classification_and_detail_the_whole_answer(
    api, make_key, org_a
):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write"]))
    system = client.post("/api/v1/systems/", {"trade_name": "Summary", "role": "provider"}).json()
    client.post(f"/api/v1/systems/{system['id']}/classifications/", {"facts": FACTS})
    listed = client.get("/api/v1/systems/").json()["results"]
    row = next(r for r in listed if r["id"] == system["id"])
    assert row["latest_classification"]["risk_tier"] == "high_risk"
    assert "result" not in row["latest_classification"]
    detail = client.get(f"/api/v1/systems/{system['id']}/").json()
    assert detail["latest_classification"]["result"]["risk_tier"] == "high_risk"


def test_member_state_filter_finds_systems_available_there(api, make_key, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write"]))
    for name, states in (("InDE", ["DE", "AT"]), ("InFR", ["FR"])):
        created = client.post(
            "/api/v1/systems/", {"trade_name": name, "role": "provider", "member_states": states}
        )
        assert created.status_code == 201, created.content
    names = {
        row["trade_name"]
        for row in client.get("/api/v1/systems/?member_state=DE").json()["results"]
    }
    assert names == {"InDE"}
    assert_problem(client.get("/api/v1/systems/?member_state=XX"), 400)
