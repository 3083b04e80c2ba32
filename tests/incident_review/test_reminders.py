"""Serious-incident reminders of the daily job: to the provider (next report due soon or overdue,
information requested) and to the authority (reports nobody acknowledged), each sent once."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from registry.register.models import AuthorityReminder, Reminder
from registry.register.models.incidents import IncidentReport
from registry.register.reminders.services import reminders_send_daily
from registry.register.services.incident_review import (
    incident_acknowledge,
    incident_request_information,
)
from registry.workspace.services.incidents import incident_draft_create
from tests.incident_review.builders import send_report
from tests.incidents.conftest import high_risk_system


def test_the_provider_is_reminded_of_what_it_owes_once(cast, report, no_enqueue, mailoutbox):
    today = timezone.localdate()
    asked = send_report(cast.org_a, cast.alice, name="GridGuard")
    incident_request_information(
        actor=cast.regulator, report=asked, question="Logs?", due_on=today + timedelta(days=2)
    )
    late = send_report(cast.org_a, cast.alice, name="LateLM")
    with tenant_context(cast.org_a):  # recorded 14 days after awareness, not reported yet
        draft = incident_draft_create(
            actor=cast.alice,
            regime="art73",
            system=high_risk_system(cast.alice, trade_name="Unsent").pk,
            title="Unsent",
            member_state="DE",
            harms=["health"],
            aware_on=today - timedelta(days=14),
        )
    IncidentReport.objects.filter(pk=report.pk).update(next_due_on=today + timedelta(days=1))
    IncidentReport.objects.filter(pk=late.pk).update(next_due_on=today - timedelta(days=1))

    reminders_send_daily(today=today)

    kinds = dict(
        Reminder.objects.filter(
            organisation=cast.org_a, object_ref__startswith="incident"
        ).values_list("object_ref", "kind")
    )
    assert kinds == {
        f"incident:{asked.pk}:information": "incident_information",
        f"incident:{report.pk}:next": "incident_due_soon",
        f"incident:{late.pk}:next": "incident_overdue",
        # Art 73(2): 15 days from awareness, so tomorrow.
        f"incident-draft:{draft.pk}:initial": "incident_due_soon",
    }
    links = dict(Reminder.objects.values_list("object_ref", "link_path"))
    assert links[f"incident-draft:{draft.pk}:initial"] == f"/incidents/{draft.pk}/"
    assert links[f"incident:{asked.pk}:information"].startswith("/incidents/")
    mailed = [m for m in mailoutbox if cast.alice.email in m.to]
    assert any(asked.reference in m.body for m in mailed)
    before = len(mailoutbox)
    reminders_send_daily(today=today)
    assert len(mailoutbox) == before
    assert not Reminder.objects.filter(organisation=cast.org_b, object_ref__startswith="incident:")


def test_the_authority_is_reminded_of_unacknowledged_reports_once(
    cast, report, restricted_report, de_restricted, fr_reviewer, mailoutbox
):
    two_days_ago = timezone.now() - timedelta(days=2)
    IncidentReport.objects.update(first_report_at=two_days_ago)
    mailoutbox.clear()

    result = reminders_send_daily(today=timezone.localdate())

    assert result.authority_created == 2 and result.authority_mailed == 2
    rows = AuthorityReminder.objects.order_by("restricted")
    assert [(r.authority.slug, r.restricted) for r in rows] == [("de-msa", False), ("de-msa", True)]
    # Art 73(8): measures within seven days of receipt.
    assert rows[0].due_on == timezone.localdate(two_days_ago) + timedelta(days=7)
    to = {address: m.body for m in mailoutbox for address in m.to}
    assert report.reference in to[cast.regulator.email]
    assert restricted_report.reference not in to[cast.regulator.email]
    assert restricted_report.reference in to[de_restricted.email]
    assert fr_reviewer.email not in to

    assert reminders_send_daily(today=timezone.localdate()).authority_created == 0
    incident_acknowledge(actor=cast.regulator, report=report)
    AuthorityReminder.objects.all().delete()
    again = reminders_send_daily(today=timezone.localdate())
    assert again.authority_created == 1  # only the restricted report still waits
