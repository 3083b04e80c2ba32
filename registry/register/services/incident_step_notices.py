"""What the provider hears of the authority's steps on a serious-incident report: a notice in the
portal and e-mail for those who may send the organisation's reports (through
``incident_notifications.notify_incident_organisation``, the one home of those notices), and a
webhook event (``incident_events``). Called once the step has committed; a mail server or webhook
queue that is down is logged, never undoes the step."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registry.register.models.incidents import IncidentStep
from registry.register.services.incident_events import incident_event_emit
from registry.register.services.incident_notifications import notify_incident_organisation


def _body(step: IncidentStep) -> Callable[[], str]:
    """The e-mail's text, written in each reader's language (portal.mail) when called."""

    def write() -> str:
        report = step.report
        lines = [
            _(
                "%(authority)s: %(step)s for the serious-incident report %(reference)s (%(subject)s)."
            )
            % {
                "authority": step.authority.name if step.authority else _("The authority"),
                "step": step.get_kind_display(),
                "reference": report.reference,
                "subject": report.subject_name,
            }
        ]
        if step.measure:
            lines.append(_("Measure: %(measure)s") % {"measure": step.get_measure_display()})
        if step.due_on:
            lines.append(_("Information due by: %(date)s") % {"date": date_format(step.due_on)})
        if step.note:
            lines += ["", step.note]
        return "\n".join(lines)

    return write


def notify_incident_step(step_id: int) -> int:
    step = IncidentStep.objects.select_related(
        "report__organisation", "report__authority", "authority"
    ).get(pk=step_id)
    return notify_incident_organisation(
        report=step.report,
        kind=f"incident.{step.kind}",
        body=_body(step),
        due_on=step.due_on.isoformat() if step.due_on else "",
    )


def incident_step_event_emit(*, step_id: int, events: dict[str, str]) -> int:
    """Queue the step's webhook event (``incident.*``) for the organisation's subscribed
    endpoints; returns how many deliveries were queued. Never raises."""
    step = IncidentStep.objects.filter(pk=step_id).first()
    if step is None or step.kind not in events:
        return 0
    return incident_event_emit(
        event=events[step.kind],
        report_id=step.report_id,
        step=step.kind,
        measure=step.measure or None,
        note=step.note,
    )
