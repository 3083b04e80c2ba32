"""/api/v1/regulator/incidents/ on the public host: the addressed authority's inbox with filters
and cursor pages, a report with its versions and steps, the PDFs, and the four steps with
Idempotency-Key; nothing for another authority, a key without the scope or a restricted report
without restricted access, on the latest version and an earlier one."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from portal.accounts.models import Authority, AuthorityMembership, User
from registry.register.models.incidents import IncidentReport, IncidentStep
from tests.api.helpers import PUBLIC_HOST, assert_problem
from tests.incident_review.builders import send_next_version, send_report
from tests.queries import count_queries

BASE = "/api/v1/regulator/incidents/"


def test_the_inbox_lists_filters_and_pages_the_authoritys_reports(
    api, make_key, msa, targets, cast
):
    first = targets["incident_report_a"]
    second = str(send_report(cast.org_a, cast.alice, name="GridGuard", harms=("death",)).pk)
    client = api(PUBLIC_HOST, key=make_key(msa, scopes=["read"]))
    rows = client.get(BASE).json()["results"]
    assert [row["id"] for row in rows] == [second, first]  # the latest received first
    assert rows[0]["overdue"] is False and rows[0]["organisation"]["slug"] == "acme"
    assert [r["id"] for r in client.get(BASE + "?harm=death").json()["results"]] == [second]
    assert client.get(BASE + "?member_state=DE&status=submitted&regime=art73").json()["results"]
    assert client.get(BASE + "?overdue=true").json()["results"] == []
    assert_problem(client.get(BASE + "?harm=boredom"), 400)
    page = client.get(BASE + "?page_size=1").json()
    assert [r["id"] for r in page["results"]] == [second]
    assert [r["id"] for r in client.get(page["next"]).json()["results"]] == [first]


def test_a_report_with_its_versions_steps_and_pdfs(api, make_key, msa, targets, cast):
    report = IncidentReport.objects.get(pk=targets["incident_report_a"])
    send_next_version(report, cast.alice)
    client = api(PUBLIC_HOST, key=make_key(msa, scopes=["read"]))
    detail = client.get(f"{BASE}{report.pk}/").json()
    assert detail["reference"] == report.reference
    assert [v["number"] for v in detail["versions"]] == [1, 2]
    assert [s["kind"] for s in detail["steps"]] == ["submitted", "submitted"]
    assert detail["latest_snapshot"]["report"]["version"] == 2
    versions = client.get(f"{BASE}{report.pk}/versions/").json()["results"]
    assert [v["number"] for v in versions] == [1, 2]
    pdf = client.get(f"{BASE}{report.pk}/versions/1/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert_problem(client.get(f"{BASE}{report.pk}/versions/2/pdf/"), 409, "pdf_not_ready")
    assert_problem(client.get(f"{BASE}{report.pk}/versions/3/pdf/"), 404, "version_not_found")


def test_the_steps_with_a_key_and_an_idempotency_key(api, make_key, msa, targets):
    report = targets["incident_report_a"]
    client = api(PUBLIC_HOST, key=make_key(msa, scopes=["read", "write"], name="MSA robot"))
    once = {"Idempotency-Key": "ack-1"}
    first = client.post(f"{BASE}{report}/acknowledge/", headers=once)
    assert first.status_code == 200, first.content
    assert first.json()["status"] == "acknowledged"
    again = client.post(f"{BASE}{report}/acknowledge/", headers=once)
    assert again["Idempotent-Replayed"] == "true" and again.json() == first.json()
    assert IncidentStep.objects.filter(report_id=report, kind="acknowledged").count() == 1
    assert_problem(client.post(f"{BASE}{report}/acknowledge/"), 409, "invalid_transition")
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    refused = client.post(
        f"{BASE}{report}/request-information/", {"question": "Logs?", "due_on": past}
    )
    assert "due_on" in assert_problem(refused, 400, "validation_failed")["errors"]
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    asked = client.post(
        f"{BASE}{report}/request-information/", {"question": "Logs?", "due_on": due}
    )
    assert asked.json()["information_due_on"] == due
    assert_problem(client.post(f"{BASE}{report}/record-measure/", {"measure": "other"}), 400)
    measured = client.post(f"{BASE}{report}/record-measure/", {"measure": "recall"})
    assert measured.json()["steps"][-1]["measure"] == "recall"
    closed = client.post(f"{BASE}{report}/close/", {"note": "Done."})
    assert closed.json()["status"] == "closed"
    assert closed.json()["steps"][-1]["actor_label"].startswith("API key")


def test_reading_needs_read_and_acting_needs_write(api, make_key, msa, targets):
    report = targets["incident_report_a"]
    writer = api(PUBLIC_HOST, key=make_key(msa, scopes=["write"]))
    assert_problem(writer.get(f"{BASE}{report}/"), 403, "scope_missing")
    reader = api(PUBLIC_HOST, key=make_key(msa, scopes=["read"]))
    assert_problem(reader.post(f"{BASE}{report}/close/", {}), 403, "scope_missing")
    assert IncidentReport.objects.get(pk=report).status == "submitted"


def test_another_authority_an_organisation_and_the_public_get_nothing(api, make_key, targets, cast):
    report = IncidentReport.objects.get(pk=targets["incident_report_a"])
    send_next_version(report, cast.alice)
    office = Authority.objects.get(slug="ai-office")
    other = api(PUBLIC_HOST, key=make_key(office, scopes=["read", "write"]))
    assert other.get(BASE).json()["results"] == []
    for suffix in ("", "versions/", "versions/1/pdf/", "versions/2/pdf/"):
        assert_problem(other.get(f"{BASE}{report.pk}/{suffix}"), 404)
    assert_problem(other.post(f"{BASE}{report.pk}/acknowledge/"), 404)
    assert_problem(api(PUBLIC_HOST, key=make_key(cast.org_a)).get(BASE), 401)
    assert_problem(api(PUBLIC_HOST).get(f"{BASE}{report.pk}/"), 401)
    assert_problem(api(PUBLIC_HOST, user=cast.alice).get(BASE), 403, "not_a_regulator")
    assert IncidentReport.objects.get(pk=report.pk).status == "submitted"


def test_a_restricted_report_needs_restricted_access_never_a_key(api, make_key, msa, cast):
    report = send_report(cast.org_a, cast.alice, name="VictimRisk", restricted=True)
    send_next_version(report, cast.alice)
    key = api(PUBLIC_HOST, key=make_key(msa, scopes=["read", "write"]))
    reviewer = api(PUBLIC_HOST, user=cast.regulator)
    for client in (key, reviewer):
        assert client.get(BASE).json()["results"] == []
        for suffix in ("", "versions/", "versions/1/pdf/"):
            assert_problem(client.get(f"{BASE}{report.pk}/{suffix}"), 404)
    secure = User.objects.create_user(email="secure@msa.test", password=None)
    AuthorityMembership.objects.create(
        user=secure, authority=msa, role="reviewer", restricted_access=True
    )
    allowed = api(PUBLIC_HOST, user=secure)
    assert [r["id"] for r in allowed.get(BASE).json()["results"]] == [str(report.pk)]
    assert allowed.post(f"{BASE}{report.pk}/acknowledge/").status_code == 200


def test_the_inbox_runs_the_same_queries_for_one_report_and_many(api, make_key, msa, targets, cast):
    targets["incident_report_a"]  # noqa: B018 - one report
    client = api(PUBLIC_HOST, key=make_key(msa, scopes=["read"]))
    client.get(BASE)
    with count_queries() as one:
        assert len(client.get(BASE).json()["results"]) == 1
    for n in range(3):
        send_report(cast.org_a, cast.alice, name=f"System {n}")
    with count_queries() as many:
        assert len(client.get(BASE).json()["results"]) == 4
    assert many.count == one.count
