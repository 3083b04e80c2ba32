"""The authority's side of a serious-incident report (Art 73, Art 55(1)(c)): acknowledge receipt,
request information by a date, record a measure (Art 73(8); Art 19 of Regulation 2019/1020) and
close. Each step, in one transaction: an `IncidentStep`, the report's status, an audit event in the
public schema; once committed, e-mail and a notification to those who may report for the
organisation, and a webhook event (`incident.*`).

Only the authority the report is addressed to acts on it, and a restricted report (Annex III
points 1, 6, 7; Art 49(4), Art 74(8)) only through a membership granted restricted access (never
an API key): for anyone else the report does not exist (404), as in the filings' review."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import ApiKey, AuthorityMembership
from portal.audit.services import audit_record
from portal.authz import authority_authorise, authority_role_may
from portal.errors import Conflict, NotFound, ValidationFailed
from registry.register.models.incidents import (
    IncidentMeasure,
    IncidentReport,
    IncidentStatus,
    IncidentStep,
    IncidentStepKind,
)
from registry.register.selectors import regulator_key_membership, regulator_memberships

# How far ahead an information request may set its deadline: a date years away is a typing slip.
LONGEST_INFORMATION_DAYS = 366
NOTE_MAX = 5000

OPEN = frozenset(
    {
        IncidentStatus.SUBMITTED,
        IncidentStatus.ACKNOWLEDGED,
        IncidentStatus.INFORMATION_REQUESTED,
        IncidentStatus.FINAL_SUBMITTED,
    }
)

# step -> (statuses it may follow, status it leads to; None: the status stays)
TRANSITIONS: dict[str, tuple[frozenset[str], str | None]] = {
    IncidentStepKind.ACKNOWLEDGED: (
        frozenset({IncidentStatus.SUBMITTED}),
        IncidentStatus.ACKNOWLEDGED,
    ),
    IncidentStepKind.INFORMATION_REQUESTED: (OPEN, IncidentStatus.INFORMATION_REQUESTED),
    IncidentStepKind.MEASURE_RECORDED: (OPEN, None),
    IncidentStepKind.CLOSED: (OPEN, IncidentStatus.CLOSED),
}

# Steps that integrators hear about through webhooks (registry.webhooks).
EVENTS: dict[str, str] = {
    IncidentStepKind.ACKNOWLEDGED: "incident.acknowledged",
    IncidentStepKind.INFORMATION_REQUESTED: "incident.information_requested",
    IncidentStepKind.MEASURE_RECORDED: "incident.measure_recorded",
    IncidentStepKind.CLOSED: "incident.closed",
}


def membership_reads_incident(membership: AuthorityMembership, report: IncidentReport) -> bool:
    """Whether `membership` may read `report`: its authority is the one addressed, and a
    restricted report needs restricted access (no query)."""
    if membership.authority_id != report.authority_id:
        return False
    return membership.restricted_access or not report.restricted


def incident_membership(actor: Any, report: IncidentReport) -> AuthorityMembership | None:
    """The membership through which `actor` (a person or an authority's API key) reads `report`,
    leads first, or None."""
    if isinstance(actor, ApiKey):
        key_membership = regulator_key_membership(actor)
        memberships = [key_membership] if key_membership is not None else []
    else:
        memberships = sorted(
            regulator_memberships(actor),
            key=lambda m: not authority_role_may(m.role, "review.decide_final"),
        )
    return next((m for m in memberships if membership_reads_incident(m, report)), None)


def _entitlement(actor: Any, report: IncidentReport) -> AuthorityMembership:
    membership = incident_membership(actor, report)
    if membership is None:
        # Not "forbidden": a report addressed elsewhere does not exist for this reader.
        raise NotFound(_("No such incident report."), code="incident_not_found")
    return membership


def _actor_label(actor: Any) -> str:
    if isinstance(actor, ApiKey):
        return actor.audit_actor_label
    return actor.email


def _note(note: str, *, required: bool, field: str = "note") -> str:
    text = (note or "").strip()
    if required and not text:
        raise ValidationFailed(
            _("Say what this concerns."), field_errors={field: [_("This field is required.")]}
        )
    if len(text) > NOTE_MAX:
        raise ValidationFailed(
            _("The text is too long."),
            field_errors={field: [_("At most %(max)d characters.") % {"max": NOTE_MAX}]},
        )
    return text


def _step(
    *,
    actor: Any,
    report: IncidentReport,
    kind: str,
    note: str = "",
    due_on: date | None = None,
    measure: str = "",
) -> IncidentStep:
    allowed_from, target = TRANSITIONS[kind]
    _entitlement(actor, report)  # a report addressed elsewhere is not even locked
    with transaction.atomic():
        report = IncidentReport.objects.select_for_update().get(pk=report.pk)
        membership = _entitlement(actor, report)
        authority_authorise(actor, "incident.act", membership.role)
        if report.status not in allowed_from:
            raise Conflict(
                _("The report's status (%(status)s) does not allow this step (%(step)s).")
                % {
                    "status": report.get_status_display(),
                    "step": IncidentStepKind(kind).label,
                },
                code="invalid_transition",
            )
        before = {"status": report.status, "next_due_on": report.next_due_on}
        fields = []
        if target is not None and target != report.status:
            report.status = target
            fields.append("status")
        if kind == IncidentStepKind.INFORMATION_REQUESTED:
            # The provider's next report answers the request: it is due by that date.
            report.information_due_on = report.next_due_on = due_on
            fields += ["information_due_on", "next_due_on"]
        if kind == IncidentStepKind.CLOSED:
            # Nothing more is due from the provider on a closed report.
            report.closed_at = timezone.now()
            report.information_due_on = report.next_due_on = None
            fields += ["closed_at", "information_due_on", "next_due_on"]
        if fields:
            report.save(update_fields=[*fields, "updated_at"])
        step = IncidentStep.objects.create(
            report=report,
            kind=kind,
            actor_label=_actor_label(actor),
            authority=membership.authority,
            note=note,
            due_on=due_on,
            measure=measure,
        )
        audit_record(
            actor=actor,
            action=f"incident.{kind}",
            obj=report,
            before=before,
            after={
                "status": report.status,
                "authority": membership.authority.slug,
                "due_on": due_on,
                "measure": measure,
                "note": note,
            },
            organisation_id=report.organisation_id,
        )
        step_id = step.pk
        # E-mail and webhooks leave only once the step has committed (a rolled-back step never
        # reaches the provider).
        transaction.on_commit(lambda: _notify(step_id), robust=True)
        transaction.on_commit(lambda: _emit(step_id), robust=True)
    return step


def _notify(step_id: int) -> None:
    from registry.register.services.incident_step_notices import notify_incident_step

    notify_incident_step(step_id)


def _emit(step_id: int) -> None:
    from registry.register.services.incident_step_notices import incident_step_event_emit

    incident_step_event_emit(step_id=step_id, events=EVENTS)


def incident_acknowledge(*, actor: Any, report: IncidentReport) -> IncidentStep:
    """Receipt of a submitted report is confirmed to the provider."""
    return _step(actor=actor, report=report, kind=IncidentStepKind.ACKNOWLEDGED)


def incident_request_information(
    *,
    actor: Any,
    report: IncidentReport,
    question: str,
    due_on: date | None,
    today: date | None = None,
) -> IncidentStep:
    """Ask the provider for information by `due_on` (a follow-up report answers it)."""
    question = _note(question, required=True, field="question")
    today = today or timezone.localdate()
    if due_on is None:
        raise ValidationFailed(
            _("Give the date by which the information is due."),
            field_errors={"due_on": [_("This field is required.")]},
        )
    if due_on < today or due_on > today + timedelta(days=LONGEST_INFORMATION_DAYS):
        raise ValidationFailed(
            _("The date by which the information is due must lie between today and a year ahead."),
            field_errors={"due_on": [_("Choose a date from today to a year ahead.")]},
        )
    return _step(
        actor=actor,
        report=report,
        kind=IncidentStepKind.INFORMATION_REQUESTED,
        note=question,
        due_on=due_on,
    )


def incident_record_measure(
    *, actor: Any, report: IncidentReport, measure: str, note: str = ""
) -> IncidentStep:
    """A measure the authority took (Art 73(8); Art 19 of Regulation 2019/1020): withdrawal,
    recall, prohibition, restriction, or another one, which the note must describe."""
    if measure not in IncidentMeasure.values:
        raise ValidationFailed(
            _("Choose the measure taken."),
            field_errors={"measure": [_("Choose one of the measures listed.")]},
        )
    note = _note(note, required=measure == IncidentMeasure.OTHER)
    return _step(
        actor=actor,
        report=report,
        kind=IncidentStepKind.MEASURE_RECORDED,
        note=note,
        measure=measure,
    )


def incident_close(*, actor: Any, report: IncidentReport, note: str = "") -> IncidentStep:
    """The authority closes the report; the provider sees the step and its note."""
    return _step(
        actor=actor, report=report, kind=IncidentStepKind.CLOSED, note=_note(note, required=False)
    )


__all__ = [
    "EVENTS",
    "OPEN",
    "incident_acknowledge",
    "incident_close",
    "incident_membership",
    "incident_record_measure",
    "incident_request_information",
    "membership_reads_incident",
]
