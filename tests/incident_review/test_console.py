"""The console's incident inbox, report page, action forms and dashboard panel: who sees what
(on the latest version and an earlier one), the filters, the error summary, the query budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from registry.register.models.incidents import IncidentReport, IncidentStatus
from registry.register.services.incident_review import incident_request_information
from tests.incident_review.builders import send_next_version, send_report
from tests.queries import count_queries

HOST = "localhost"


def _pages(report: IncidentReport) -> list[str]:
    base = f"/regulator/incidents/{report.pk}/"
    return [base, f"{base}v/1/", f"{base}v/2/"]


@pytest.fixture
def two_versions(cast, report):
    """The report with a follow-up: version 1 is an earlier version, version 2 the latest."""
    send_next_version(report, cast.alice)
    report.refresh_from_db()
    assert report.latest_number == 2
    return report


def test_the_addressed_authority_reads_the_inbox_the_report_and_each_version(
    host_client, cast, two_versions
):
    client = host_client(HOST, user=cast.regulator)
    inbox = client.get("/regulator/incidents/")
    assert inbox.status_code == 200
    assert two_versions.reference in inbox.content.decode()
    for path in _pages(two_versions):
        page = client.get(path)
        assert page.status_code == 200, path
        assert two_versions.reference in page.content.decode()


def test_outsiders_get_nothing_on_any_incident_page(host_client, cast, two_versions, fr_reviewer):
    pages = [*_pages(two_versions), f"/regulator/incidents/{two_versions.pk}/v/1/pdf/"]
    # Another member state's authority: the report does not exist for it.
    french = host_client(HOST, user=fr_reviewer)
    assert two_versions.reference not in french.get("/regulator/incidents/").content.decode()
    for path in pages:
        assert french.get(path).status_code == 404, path
    # The organisation's own administrator is no authority; the public is sent to log in.
    for path in [*pages, "/regulator/incidents/"]:
        assert host_client(HOST, user=cast.alice).get(path).status_code == 403, path
        assert host_client(HOST).get(path).status_code == 302, path
    posted = french.post(f"/regulator/incidents/{two_versions.pk}/acknowledge/")
    assert posted.status_code == 404
    assert IncidentReport.objects.get(pk=two_versions.pk).status == IncidentStatus.SUBMITTED


def test_a_restricted_report_is_only_for_reviewers_with_restricted_access(
    host_client, cast, restricted_report, de_restricted
):
    send_next_version(restricted_report, cast.alice)
    plain = host_client(HOST, user=cast.regulator)
    assert restricted_report.reference not in plain.get("/regulator/incidents/").content.decode()
    for path in _pages(restricted_report):
        assert plain.get(path).status_code == 404, path
    secure = host_client(HOST, user=de_restricted)
    assert restricted_report.reference in secure.get("/regulator/incidents/").content.decode()
    for path in _pages(restricted_report):
        assert secure.get(path).status_code == 200, path


def test_the_inbox_filters_and_flags_what_is_overdue(host_client, cast, report, no_enqueue):
    other = send_report(
        cast.org_a, cast.alice, name="GridGuard", harms=("critical_infrastructure",)
    )
    incident_request_information(
        actor=cast.regulator, report=other, question="Logs?", due_on=timezone.localdate()
    )
    # A day later the information is overdue.
    IncidentReport.objects.filter(pk=other.pk).update(
        information_due_on=timezone.localdate() - timedelta(days=1),
        next_due_on=timezone.localdate() - timedelta(days=1),
    )
    client = host_client(HOST, user=cast.regulator)

    def listed(query: str) -> set[str]:
        body = client.get(f"/regulator/incidents/?{query}").content.decode()
        return {r.reference for r in (report, other) if r.reference in body}

    assert listed("") == {report.reference, other.reference}
    assert listed("overdue=yes") == {other.reference}
    assert listed("overdue=no") == {report.reference}
    assert listed("harm=critical_infrastructure") == {other.reference}
    assert listed("status=information_requested") == {other.reference}
    assert listed("member_state=FR") == set()
    assert "badge-overdue" in client.get("/regulator/incidents/?overdue=yes").content.decode()
    bad = client.get("/regulator/incidents/?status=lost")
    assert bad.status_code == 422
    # The console's landing says what waits in the inbox.
    landing = client.get("/regulator/").content.decode()
    assert 'id="incident-counts"' in landing and "2 open" in landing and "1 overdue" in landing


def test_the_inbox_runs_the_same_queries_for_one_report_and_many(
    host_client, cast, report, no_enqueue
):
    client = host_client(HOST, user=cast.regulator)
    client.get("/regulator/incidents/")
    with count_queries() as one:
        assert client.get("/regulator/incidents/").status_code == 200
    for n in range(3):
        send_report(cast.org_a, cast.alice, name=f"System {n}")
    with count_queries() as many:
        page = client.get("/regulator/incidents/")
    assert page.content.decode().count("/regulator/incidents/") >= 4
    assert many.count == one.count


def test_an_action_with_bad_input_shows_the_error_summary_and_writes_nothing(
    host_client, cast, report
):
    client = host_client(HOST, user=cast.regulator)
    path = f"/regulator/incidents/{report.pk}/request-information/"
    response = client.post(path, {"info-question": "Logs?", "info-due_on": "2001-01-01"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "errorlist-box" in body and 'href="#id_info-due_on"' in body
    response = client.post(
        f"/regulator/incidents/{report.pk}/record-measure/", {"measure-measure": "other"}
    )
    assert response.status_code == 422 and 'href="#id_measure-note"' in response.content.decode()
    report.refresh_from_db()
    assert report.status == IncidentStatus.SUBMITTED
    assert report.steps.count() == 1


def test_the_steps_from_the_report_page(host_client, cast, report):
    client = host_client(HOST, user=cast.regulator)
    base = f"/regulator/incidents/{report.pk}/"
    assert client.post(f"{base}acknowledge/").status_code == 302
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    answer = client.post(
        f"{base}request-information/", {"info-question": "Logs?", "info-due_on": due}
    )
    assert answer.status_code == 302
    assert client.post(f"{base}record-measure/", {"measure-measure": "recall"}).status_code == 302
    assert client.post(f"{base}close/", {"close-note": "Done."}).status_code == 302
    report.refresh_from_db()
    assert report.status == IncidentStatus.CLOSED
    kinds = list(report.steps.order_by("id").values_list("kind", flat=True))
    assert kinds == [
        "submitted",
        "acknowledged",
        "information_requested",
        "measure_recorded",
        "closed",
    ]
    page = client.get(base).content.decode()
    assert "Recall" in page and "Done." in page


def test_the_dashboard_counts_the_authoritys_reports(host_client, cast, report, fr_reviewer):
    body = host_client(HOST, user=cast.regulator).get("/regulator/dashboard/").content.decode()
    for chart in ("status", "member-state", "harm", "first-report"):
        assert f'id="chart-incidents-{chart}-title"' in body, chart
    french = host_client(HOST, user=fr_reviewer).get("/regulator/dashboard/").content.decode()
    assert 'id="chart-incidents-status-title"' not in french


def test_an_authority_step_needs_a_fresh_second_factor(host_client, cast, report):
    """The provider is told of each step, and closing ends the follow-up: a session whose code
    passed 16 minutes ago is sent for a code first, and the report is unchanged."""
    import time

    from portal.accounts.authn import AUTHENTICATED_AT_KEY

    client = host_client(HOST, user=cast.regulator)
    session = client.session
    session[AUTHENTICATED_AT_KEY] = time.time() - 16 * 60
    session.save()
    status = report.status
    response = client.post(f"/regulator/incidents/{report.pk}/acknowledge/")
    assert response.status_code == 302 and response["Location"].startswith(
        "/accounts/two-factor/?next="
    )
    report.refresh_from_db()
    assert report.status == status
