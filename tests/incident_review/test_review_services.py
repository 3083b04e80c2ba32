"""The authority's steps on a serious-incident report (registry.register.services.incident_review):
each writes its step, the status, an audit event, e-mail and a webhook, all or nothing; only the
addressed authority acts, a restricted report only through restricted access."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from django.utils.formats import date_format

from portal.accounts.api_keys import api_key_create
from portal.accounts.models import Authority
from portal.audit.models import AuditEvent
from portal.errors import Conflict, Forbidden, NotFound, ValidationFailed
from registry.register.models.incidents import IncidentReport, IncidentStatus, IncidentStep
from registry.register.services.incident_review import (
    incident_acknowledge,
    incident_close,
    incident_record_measure,
    incident_request_information,
)
from registry.webhooks.models import WebhookDelivery
from registry.webhooks.services import webhook_endpoint_create
from tests.api.targets import de_lead

STEPS = [
    lambda actor, report: incident_acknowledge(actor=actor, report=report),
    lambda actor, report: incident_request_information(
        actor=actor,
        report=report,
        question="Send the logs.",
        due_on=timezone.localdate() + timedelta(days=7),
    ),
    lambda actor, report: incident_record_measure(
        actor=actor, report=report, measure="recall", note="Recall ordered."
    ),
    lambda actor, report: incident_close(actor=actor, report=report, note="Settled."),
]


def _authority_key(scopes: list[str]) -> Any:
    authority = Authority.objects.get(slug="de-msa")
    key, _plain = api_key_create(
        actor=de_lead(authority), name="inbox", scopes=scopes, authority=authority
    )
    return key


def _unchanged(report: IncidentReport) -> None:
    fresh = IncidentReport.objects.get(pk=report.pk)
    assert fresh.status == IncidentStatus.SUBMITTED
    assert fresh.information_due_on is None
    assert list(fresh.steps.values_list("kind", flat=True)) == ["submitted"]
    assert not AuditEvent.objects.filter(action__startswith="incident.", object_id=report.pk)


def test_acknowledging_records_the_step_audits_mails_and_sends_the_webhook(
    cast, report, mailoutbox, django_capture_on_commit_callbacks
):
    webhook_endpoint_create(
        actor=cast.alice,
        organisation=cast.org_a,
        url="https://hooks.example.test/incidents",
        events=["incident.acknowledged"],
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step = incident_acknowledge(actor=cast.regulator, report=report)

    report.refresh_from_db()
    assert report.status == IncidentStatus.ACKNOWLEDGED
    assert (step.kind, step.authority.slug, step.actor_label) == (
        "acknowledged",
        "de-msa",
        cast.regulator.email,
    )
    event = AuditEvent.objects.get(action="incident.acknowledged", object_id=str(report.pk))
    assert event.before["status"] == "submitted"
    assert event.after["status"] == "acknowledged"
    assert event.organisation_id == cast.org_a.pk
    # Those who may send the organisation's reports: its administrators and owner.
    recipients = sorted(address for m in mailoutbox for address in m.to)
    assert recipients == sorted([cast.alice.email, cast.owner_a.email])
    assert report.reference in mailoutbox[0].subject
    delivery = WebhookDelivery.objects.get(event="incident.acknowledged")
    assert delivery.payload["data"]["incident_id"] == str(report.pk)
    assert delivery.payload["data"]["step"] == "acknowledged"


def test_requesting_information_sets_the_date_the_provider_owes_it(cast, report):
    due = timezone.localdate() + timedelta(days=10)
    step = incident_request_information(
        actor=cast.regulator, report=report, question="  The logs of May.  ", due_on=due
    )
    report.refresh_from_db()
    assert report.status == IncidentStatus.INFORMATION_REQUESTED
    assert report.information_due_on == report.next_due_on == due
    assert (step.note, step.due_on) == ("The logs of May.", due)


@pytest.mark.parametrize(
    ("question", "days", "field"),
    [
        ("", 7, "question"),
        ("Logs?", -1, "due_on"),
        ("Logs?", 400, "due_on"),
        ("Logs?", None, "due_on"),
    ],
)
def test_a_bad_information_request_is_refused_and_writes_nothing(
    cast, report, question, days, field
):
    due = None if days is None else timezone.localdate() + timedelta(days=days)
    with pytest.raises(ValidationFailed) as refused:
        incident_request_information(
            actor=cast.regulator, report=report, question=question, due_on=due
        )
    assert field in refused.value.field_errors
    _unchanged(report)


def test_a_measure_is_recorded_without_changing_the_status(cast, report):
    step = incident_record_measure(
        actor=cast.regulator, report=report, measure="withdrawal", note="Off the market."
    )
    report.refresh_from_db()
    assert report.status == IncidentStatus.SUBMITTED
    assert (step.kind, step.measure) == ("measure_recorded", "withdrawal")


@pytest.mark.parametrize(("measure", "note"), [("confiscation", "x"), ("other", "  ")])
def test_an_unknown_measure_or_another_one_without_a_note_is_refused(cast, report, measure, note):
    with pytest.raises(ValidationFailed) as refused:
        incident_record_measure(actor=cast.regulator, report=report, measure=measure, note=note)
    assert set(refused.value.field_errors) <= {"measure", "note"}
    _unchanged(report)


def test_closing_ends_the_report_and_it_takes_no_further_step(cast, report):
    incident_close(actor=cast.regulator, report=report, note="Settled with a recall.")
    report.refresh_from_db()
    assert report.status == IncidentStatus.CLOSED
    assert report.closed_at is not None and report.next_due_on is None
    for step in STEPS:
        with pytest.raises(Conflict) as refused:
            step(cast.regulator, report)
        assert refused.value.code == "invalid_transition"
    assert IncidentStep.objects.filter(report=report).count() == 2  # submitted, closed


def test_receipt_is_acknowledged_once(cast, report):
    incident_acknowledge(actor=cast.regulator, report=report)
    with pytest.raises(Conflict):
        incident_acknowledge(actor=cast.regulator, report=report)


def test_another_member_states_authority_is_told_the_report_does_not_exist(report, fr_reviewer):
    for step in STEPS:
        with pytest.raises(NotFound):
            step(fr_reviewer, report)
    _unchanged(report)


def test_a_restricted_report_needs_restricted_access(cast, restricted_report, de_restricted):
    assert restricted_report.restricted
    for step in STEPS:
        with pytest.raises(NotFound):
            step(cast.regulator, restricted_report)
    _unchanged(restricted_report)
    for step in STEPS:  # the same authority's staff with that access, each step in its order
        step(de_restricted, restricted_report)


def test_an_authority_key_acts_only_with_the_write_scope(report):
    reader = _authority_key(["read"])
    for step in STEPS:
        with pytest.raises(Forbidden) as refused:
            step(reader, report)
        assert refused.value.code == "scope_missing"
    _unchanged(report)
    writer = _authority_key(["write"])
    for step in STEPS:
        step(writer, report)


def test_an_authority_key_never_reads_a_restricted_report(restricted_report):
    with pytest.raises(NotFound):
        incident_acknowledge(actor=_authority_key(["read", "write"]), report=restricted_report)


def test_the_organisation_its_key_and_the_public_cannot_act(cast, report):
    org_key, _plain = api_key_create(
        actor=cast.owner_a, name="own", scopes=["read", "write", "submit"], organisation=cast.org_a
    )
    for outsider in (cast.alice, org_key, AnonymousUser()):
        for step in STEPS:
            with pytest.raises(NotFound):
                step(outsider, report)
    _unchanged(report)


def test_a_step_is_mailed_in_each_readers_language(
    cast, report, mailoutbox, django_capture_on_commit_callbacks
):
    """The e-mails of an authority's step go through portal.mail like every other: the owner
    who reads German gets it in German, with the date in the German format; alice in English."""
    cast.owner_a.language = "de"
    cast.owner_a.save(update_fields=["language"])
    due = timezone.localdate() + timedelta(days=10)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        incident_request_information(
            actor=cast.regulator, report=report, question="The logs of May.", due_on=due
        )
    to = {address: m for m in mailoutbox for address in m.to}
    german, english = to[cast.owner_a.email], to[cast.alice.email]
    with translation.override("de"):
        assert f"Informationen fällig bis: {date_format(due)}" in german.body
        assert "Öffnen: " in german.body and "Open it" not in german.body
    with translation.override("en"):
        assert f"Information due by: {date_format(due)}" in english.body
    assert report.reference in german.subject and german.subject != english.subject
