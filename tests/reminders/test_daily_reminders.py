"""The daily reminder job: each item once per due date, to the owners and administrators of the
organisation it concerns, and to nobody else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tenants.utils import tenant_context

from registry.register.models import Reminder
from registry.register.reminders.selectors import reminders_for
from registry.register.reminders.services import reminders_send_daily
from registry.register.services.review import filing_request_changes
from registry.workspace import services
from tests.filing_flow.builders import complete_section_a_system
from tests.web_public.helpers import file, lead_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def due_in_a(cast):  # type: ignore[no-untyped-def]
    """acme: an unregistered high-risk system on the market with a certificate expiring in 60
    days, a risk and a QMS record due for review, and a filing with changes requested."""
    with tenant_context(cast.org_a):
        system = complete_section_a_system(cast.alice)
        services.ai_system_update(
            actor=cast.alice,
            system=system,
            certificate_number="NB-1234",
            certificate_expiry_date=TODAY + dt.timedelta(days=60),
        )
        services.risk_record_create(
            actor=cast.alice,
            system=system,
            hazard="Drift",
            likelihood="possible",
            severity="major",
            next_review_on=TODAY + dt.timedelta(days=10),
        )
        services.qms_record_create(
            actor=cast.alice,
            aspect="g",
            title="Risk procedure",
            document_version="1.0",
            next_review_on=TODAY + dt.timedelta(days=5),
        )
    version = file(cast.org_a, cast.owner_a)
    filing_request_changes(
        actor=lead_for(), filing=version.filing, comments=[{"field": "A4", "body": "Version?"}]
    )
    return system


def test_each_kind_of_due_item_is_recorded_for_the_organisation(cast, due_in_a):  # type: ignore[no-untyped-def]
    reminders_send_daily(today=TODAY)
    kinds = set(Reminder.objects.filter(organisation=cast.org_a).values_list("kind", flat=True))
    assert kinds == {
        "registration_due",
        "certificate_expiry",
        "risk_review",
        "qms_review",
        "changes_requested",
    }


def test_running_twice_sends_each_reminder_once(cast, due_in_a):  # type: ignore[no-untyped-def]
    first = reminders_send_daily(today=TODAY)
    assert first.mailed == 5
    sent = len(mail.outbox)
    second = reminders_send_daily(today=TODAY)
    assert (second.created, second.mailed) == (0, 0)
    assert len(mail.outbox) == sent
    assert Reminder.objects.filter(organisation=cast.org_a).count() == 5


def test_mail_goes_to_owners_and_administrators_only(cast, due_in_a):  # type: ignore[no-untyped-def]
    reminders_send_daily(today=TODAY)
    (message,) = [m for m in mail.outbox if cast.org_a.legal_name in m.subject]
    assert sorted(message.to) == sorted([cast.owner_a.email, cast.alice.email])
    assert cast.bob.email not in message.to  # an editor
    assert "Risk procedure" in message.body


def test_nothing_is_sent_to_or_recorded_for_other_organisations(cast, due_in_a):  # type: ignore[no-untyped-def]
    reminders_send_daily(today=TODAY)
    assert not Reminder.objects.filter(organisation=cast.org_b).exists()
    for message in mail.outbox:
        assert cast.owner_b.email not in message.to
        assert cast.org_b.legal_name not in message.subject


def test_a_new_due_date_is_a_new_reminder(cast, due_in_a):  # type: ignore[no-untyped-def]
    reminders_send_daily(today=TODAY)
    # 40 days on, the certificate's 30-day alert is reached: one more reminder, once.
    later = TODAY + dt.timedelta(days=40)
    result = reminders_send_daily(today=later)
    certificate = Reminder.objects.filter(organisation=cast.org_a, kind="certificate_expiry")
    assert certificate.count() == 2
    assert result.created >= 1
    assert reminders_send_daily(today=later).mailed == 0


def test_unsent_reminders_are_retried_the_next_day(cast, due_in_a, monkeypatch):  # type: ignore[no-untyped-def]
    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("registry.register.reminders.services.send_mass_mail", broken)
    assert reminders_send_daily(today=TODAY).mailed == 0
    assert Reminder.objects.filter(organisation=cast.org_a, sent_at__isnull=True).count() == 5
    monkeypatch.undo()
    assert reminders_send_daily(today=TODAY).mailed == 5


def test_a_filed_system_is_no_longer_due_for_registration(cast):  # type: ignore[no-untyped-def]
    with tenant_context(cast.org_a):
        system = complete_section_a_system(cast.alice, trade_name="Filed already")
    file(cast.org_a, cast.owner_a, subject_id=str(system.uid))
    reminders_send_daily(today=TODAY)
    assert not Reminder.objects.filter(kind="registration_due").exists()


def test_reminders_for_lists_only_the_organisations_own(cast, due_in_a):  # type: ignore[no-untyped-def]
    reminders_send_daily(today=TODAY)
    mine = list(reminders_for(cast.org_a))
    assert len(mine) == 5 and all(r.organisation_id == cast.org_a.pk for r in mine)
    assert list(reminders_for(cast.org_b)) == []
    assert [r.due_on for r in mine] == sorted(r.due_on for r in mine)


def test_task_is_scheduled_daily_on_the_default_queue(settings):  # type: ignore[no-untyped-def]
    from portal.celery import app
    from registry.register.reminders.tasks import send_daily

    entry = settings.CELERY_BEAT_SCHEDULE["send-daily-reminders"]
    assert entry["task"] == send_daily.name == "registry.reminders.send_daily"
    assert entry["options"]["queue"] == "default"
    app.loader.import_default_modules()
    assert "registry.reminders.send_daily" in app.tasks


def test_task_runs_the_service(cast, due_in_a):  # type: ignore[no-untyped-def]
    from registry.register.reminders.tasks import send_daily

    result = send_daily.apply().get()
    assert result["mailed"] == 5
    assert send_daily.apply().get()["mailed"] == 0
