"""Filing drafts over the API: completeness check, submit (scope submit, idempotent), status,
versions, PDF, withdrawal."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from registry.register.models import Filing
from registry.workspace import services
from tests.api.helpers import ORG_A_HOST, assert_problem
from tests.api.targets import pdf_ready
from tests.filing_flow.builders import complete_section_a_system, restricted_section_a_system


def _system(org, alice, **kw) -> int:  # type: ignore[no-untyped-def]
    with tenant_context(org):
        return complete_section_a_system(alice, **kw).pk


def test_draft_checklist_submit_status_and_pdf(api, make_key, alice, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write", "submit"]))
    draft = client.post(
        "/api/v1/filings/", {"kind": "annex_viii_a", "system": _system(org_a, alice)}
    )
    assert draft.status_code == 201, draft.content
    path = f"/api/v1/filings/{draft.json()['id']}/"
    checklist = client.get(path + "checklist/").json()
    assert checklist["complete"] is True and checklist["missing"] == []

    headers = {"Idempotency-Key": "submit-1"}
    first = client.post(path + "submit/", {"confirm": True}, headers=headers)
    replay = client.post(path + "submit/", {"confirm": True}, headers=headers)
    assert first.status_code == replay.status_code == 201, first.content
    assert replay["Idempotent-Replayed"] == "true"
    assert Filing.objects.filter(organisation=org_a).count() == 1  # one filing, one version
    status = client.get(path + "status/").json()
    assert status["status"] == "submitted" and status["latest_version"]["number"] == 1
    assert status["registration_number"] == first.json()["registration_number"]

    not_ready = client.get(path + "versions/1/pdf/")
    assert_problem(not_ready, 409, "pdf_not_ready")
    assert not_ready["Retry-After"] == "5"
    filing = Filing.objects.get(organisation=org_a)
    pdf_ready(filing.versions.get())
    pdf = client.get(path + "versions/1/pdf/", headers={"Accept": "application/pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert [v["number"] for v in client.get(path + "versions/").json()["results"]] == [1]
    assert_problem(client.get(path + "versions/2/pdf/"), 404, "version_not_found")
    assert client.get("/api/v1/filings/").json()["results"][0]["status"] == "submitted"


def test_incomplete_draft_is_refused_with_the_missing_items(api, alice, org_a):
    client = api(ORG_A_HOST, user=alice)
    with tenant_context(org_a):
        system = services.ai_system_create(actor=alice, trade_name="Bare", role="provider")
        services.system_classify(
            actor=alice, system=system, facts={"role": "provider", "annex_iii_area": "4(a)"}
        )
    draft = client.post("/api/v1/filings/", {"kind": "annex_viii_a", "system": system.pk}).json()
    checklist = client.get(f"/api/v1/filings/{draft['id']}/checklist/").json()
    assert checklist["complete"] is False and checklist["missing"]
    body = assert_problem(
        client.post(f"/api/v1/filings/{draft['id']}/submit/"), 400, "filing_incomplete"
    )
    assert body["errors"]
    assert not Filing.objects.filter(organisation=org_a).exists()


def test_editor_and_key_without_submit_cannot_file(api, make_key, alice, bob, org_a):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
    admin = api(ORG_A_HOST, user=alice)
    draft = admin.post("/api/v1/filings/", {"kind": "annex_viii_a", "system": system.pk}).json()
    path = f"/api/v1/filings/{draft['id']}/submit/"
    assert_problem(api(ORG_A_HOST, user=bob).post(path), 403)
    key = make_key(org_a, scopes=["read", "write", "admin"])
    assert_problem(api(ORG_A_HOST, key=key).post(path), 403, "scope_missing")
    assert not Filing.objects.filter(organisation=org_a).exists()


def test_withdraw_and_resubmit(api, alice, org_a):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
    client = api(ORG_A_HOST, user=alice)
    draft = client.post("/api/v1/filings/", {"kind": "annex_viii_a", "system": system.pk}).json()
    path = f"/api/v1/filings/{draft['id']}/"
    assert client.post(path + "submit/", {"confirm": True}).status_code == 201
    assert_problem(client.post(path + "submit/", {"confirm": True}), 409, "version_awaiting_review")
    withdrawn = client.post(path + "withdraw/", {"reason": "Wrong system"})
    assert withdrawn.json()["status"] == "withdrawn"
    assert client.post(path + "submit/", {"confirm": True}).json()["latest_version"]["number"] == 2


def test_patch_draft_notes_with_if_match(api, alice, org_a):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
    client = api(ORG_A_HOST, user=alice)
    created = client.post("/api/v1/filings/", {"kind": "annex_viii_a", "system": system.pk})
    path = f"/api/v1/filings/{created.json()['id']}/"
    ok = client.patch(path, {"notes": "For the reviewer"}, headers={"If-Match": created["ETag"]})
    assert ok.status_code == 200 and ok.json()["notes"] == "For the reviewer"
    assert_problem(client.patch(path, {"notes": "x"}, headers={"If-Match": created["ETag"]}), 412)


def test_a_prohibited_system_gets_no_filing_over_the_api(api, alice, org_a):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        services.system_classify(
            actor=alice,
            system=system,
            facts={
                "role": "provider",
                "emotion_recognition": True,
                "emotion_recognition_setting": "workplace",
            },
        )
    client = api(ORG_A_HOST, user=alice)
    refused = client.post("/api/v1/filings/", {"kind": "annex_viii_a", "system": system.pk})
    body = assert_problem(refused, 409, "filing_kind_not_allowed")
    assert "Art 5" in body["detail"] and body["errors"]["kind"]
    assert client.get("/api/v1/filings/").json()["results"] == []


def test_api_checklist_lists_the_items_left_out(api, org_a, alice):
    with tenant_context(org_a):
        system = restricted_section_a_system(alice)
    client = api(ORG_A_HOST, user=alice)
    draft = client.post("/api/v1/filings/", {"kind": "annex_viii_a", "system": system.pk}).json()
    checklist = client.get(f"/api/v1/filings/{draft['id']}/checklist/").json()
    assert checklist["restricted"] is True
    assert [item["code"] for item in checklist["excluded"]] == [
        "A6",
        "A8",
        "A9",
        "A11",
        "A12",
        "A13",
    ]
    assert "Art 49(4)" in checklist["excluded"][0]["reason"]


def test_submit_needs_the_declaration_and_records_it_in_the_version(api, make_key, alice, org_a):
    client = api(ORG_A_HOST, key=make_key(org_a, scopes=["read", "write", "submit"]))
    draft = client.post(
        "/api/v1/filings/", {"kind": "annex_viii_a", "system": _system(org_a, alice)}
    ).json()
    path = f"/api/v1/filings/{draft['id']}/submit/"
    for body in (None, {"confirm": False}):
        problem = assert_problem(client.post(path, body), 400, "declaration_required")
        assert "confirm" in problem["errors"]
    assert not Filing.objects.filter(organisation=org_a).exists()
    assert client.post(path, {"confirm": True}).status_code == 201
    version = Filing.objects.get(organisation=org_a).versions.get()
    declaration = version.snapshot["filing"]["declaration"]
    assert declaration["statement"].startswith("I am authorised to file this registration for")
    assert org_a.legal_name in declaration["statement"]
    assert declaration["confirmed_by"] and declaration["confirmed_at"]
    # The person who confirmed is not public (Art 71(5)).
    from registry.register.selectors import public_snapshot

    assert "declaration" not in public_snapshot(version.snapshot)["filing"]
