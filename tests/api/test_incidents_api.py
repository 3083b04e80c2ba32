"""Serious-incident reports over the organisation's API: draft, send (scope submit, idempotent),
status, versions, PDF; problem+json refusals without partial writes; the list's query budget.
The cross-organisation matrix covers every incidents endpoint (endpoints.py)."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from registry.register.models import IncidentReport, IncidentReportVersion
from tests.api.helpers import ORG_A_HOST, ORG_B_HOST, assert_problem
from tests.api.targets import incident_pdf_ready
from tests.incidents.conftest import aware, high_risk_system
from tests.queries import count_queries


def _body(system: int, **extra):  # type: ignore[no-untyped-def]
    return {
        "regime": "art73",
        "system": system,
        "title": "Applicants over 50 ranked last",
        "member_state": "DE",
        "harms": ["fundamental_rights"],
        "aware_on": aware(2).isoformat(),
        **extra,
    }


def _system(org, alice, name: str = "HireRank") -> int:  # type: ignore[no-untyped-def]
    with tenant_context(org):
        return high_risk_system(alice, name).pk


def test_draft_send_follow_up_status_versions_and_pdf(api, make_key, alice, org_a):
    writer = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write"]))
    sender = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "submit"]))
    created = writer.post("/api/v1/incidents/", _body(_system(org_a, alice)))
    assert created.status_code == 201, created.content
    assert created["ETag"]
    incident = created.json()
    assert incident["report"] is None and incident["clock"]["citation"] == "Art 73(2)"
    assert incident["clock"]["days_left"] == 13
    path = f"/api/v1/incidents/{incident['id']}/"

    # A key without `submit` prepares but never sends.
    assert_problem(writer.post(path + "submit/", {}), 403, "scope_missing")
    headers = {"Idempotency-Key": "incident-1"}
    first = sender.post(path + "submit/", {}, headers=headers)
    replay = sender.post(path + "submit/", {}, headers=headers)
    assert first.status_code == replay.status_code == 201, first.content
    assert replay["Idempotent-Replayed"] == "true"
    assert IncidentReportVersion.objects.filter(report__organisation=org_a).count() == 1
    sent = first.json()
    assert sent["report"]["authority"] == "de-msa" and sent["report"]["status"] == "submitted"
    assert sent["latest_version"]["stage"] == "initial"
    assert [step["kind"] for step in sent["steps"]] == ["submitted"]

    etag = writer.get(path)["ETag"]
    changed = writer.patch(
        path, {"corrective_actions": "Age proxy removed"}, headers={"If-Match": etag}
    )
    assert changed.status_code == 200, changed.content
    final = sender.post(path + "submit/", {"stage": "final"})
    assert final.status_code == 201 and final.json()["report"]["status"] == "final_submitted"
    assert [v["number"] for v in writer.get(path + "versions/").json()["results"]] == [2, 1]

    assert_problem(writer.get(path + "versions/1/pdf/"), 409, "pdf_not_ready")
    version = IncidentReportVersion.objects.get(report__organisation=org_a, number=1)
    incident_pdf_ready(version)
    pdf = writer.get(path + "versions/1/pdf/", headers={"Accept": "application/pdf"})
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert_problem(writer.get(path + "versions/9/pdf/"), 404, "version_not_found")
    assert_problem(sender.post(path + "submit/", {}), 409, "incident_not_open")


def test_bad_input_is_problem_json_and_writes_nothing(api, make_key, alice, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write", "submit"]))
    system = _system(org_a, alice)
    bad = client.post("/api/v1/incidents/", _body(system, harms=["papercut"]))
    assert_problem(bad, 400, "validation_failed")
    assert any(key.startswith("harms") for key in bad.json()["errors"])
    cyber = client.post("/api/v1/incidents/", _body(system, harms=["cybersecurity"]))
    assert "harms" in assert_problem(cyber, 400, "validation_failed")["errors"]
    with tenant_context(org_a):
        from registry.workspace.models import IncidentDraft

        assert not IncidentDraft.objects.exists()
    draft = client.post("/api/v1/incidents/", _body(system, member_state="FR")).json()
    refused = client.post(f"/api/v1/incidents/{draft['id']}/submit/", {})
    assert "member_state" in assert_problem(refused, 400, "no_authority")["errors"]
    assert not IncidentReport.objects.filter(organisation=org_a).exists()
    stage = client.post(f"/api/v1/incidents/{draft['id']}/submit/", {"stage": "later"})
    assert_problem(stage, 400, "validation_failed")


def test_another_organisations_key_and_member_see_nothing(api, make_key, alice, org_a, org_b):
    key_b = make_key(org_b, scopes=["read", "write", "submit"])
    draft = (
        api(ORG_A_HOST, user=alice).post("/api/v1/incidents/", _body(_system(org_a, alice))).json()
    )
    # A key of B on A's host is refused outright; on B's own host A's id is simply unknown.
    assert api(ORG_A_HOST, key=key_b).get("/api/v1/incidents/").status_code == 401
    on_b = api(ORG_B_HOST, key=key_b)
    assert on_b.get("/api/v1/incidents/").json()["results"] == []
    assert on_b.get(f"/api/v1/incidents/{draft['id']}/").status_code == 404
    assert on_b.post(f"/api/v1/incidents/{draft['id']}/submit/", {}).status_code == 404


def test_list_query_count_does_not_grow(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    client.get("/api/v1/me")
    counts = []
    for name in ("One", "Two", "Three"):
        system = _system(org_a, alice, name)
        for n in range(2 if name != "One" else 1):
            sent = client.post("/api/v1/incidents/", _body(system, title=f"{name} {n}")).json()
            client.post(f"/api/v1/incidents/{sent['id']}/submit/", {})
        if name == "Two":
            continue
        with count_queries() as log:
            listed = client.get("/api/v1/incidents/")
        assert listed.status_code == 200
        assert all(row["report"] for row in listed.json()["results"])
        counts.append(log.count)
    assert len(counts) == 2 and counts[0] == counts[1], counts
