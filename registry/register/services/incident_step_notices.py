"""What the provider hears of the authority's steps on a serious-incident report: a notification
in the portal and e-mail for those who may report incidents for the organisation, and a webhook
event. Called once the step has committed; a mail server or webhook queue that is down is
logged, never undoes the step."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from portal.accounts.models import Membership
from portal.authz import roles_that_may
from portal.context_processors import portal_url
from portal.notifications.services import notify
from registry.register.models.incidents import IncidentReport, IncidentStep
from registry.register.services.notifications import _send


def incident_provider_url(report: IncidentReport) -> str:
    """The report's page on its organisation's host."""
    return portal_url(report.organisation.slug, f"/incidents/{report.pk}/")


def incident_console_url(report: IncidentReport) -> str:
    """The report's page in the regulator console."""
    return portal_url(None, f"/regulator/incidents/{report.pk}/")


def _reporters(report: IncidentReport) -> list[Any]:
    """Those who may send the organisation's incident reports hear what became of them."""
    return [
        membership.user
        for membership in Membership.objects.filter(
            role__in=roles_that_may("incident.submit"),
            organisation_id=report.organisation_id,
            user__is_active=True,
        ).select_related("user")
    ]


def notify_incident_step(step_id: int) -> int:
    step = IncidentStep.objects.select_related("report__organisation", "authority").get(pk=step_id)
    report = step.report
    params = {
        "reference": report.reference,
        "subject": report.subject_name,
        "authority": step.authority.name if step.authority else "",
        "due_on": step.due_on.isoformat() if step.due_on else "",
    }
    url = incident_provider_url(report)
    emailed = notify(_reporters(report), f"incident.{step.kind}", params, url)
    subject = f"{report.reference}: {step.get_kind_display()} ({report.subject_name})"
    lines = [
        f"{step.authority.name if step.authority else 'The authority'}: "
        f"{step.get_kind_display()} for the serious-incident report {report.reference} "
        f"({report.subject_name}).",
    ]
    if step.measure:
        lines.append(f"Measure: {step.get_measure_display()}")
    if step.due_on:
        lines.append(f"Information due by: {step.due_on.isoformat()}")
    if step.note:
        lines += ["", step.note]
    lines += ["", f"Open it: {url}"]
    body = "\n".join(lines) + "\n"
    return _send(
        [
            (subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            for user in emailed
            if user.email
        ]
    )


def incident_step_event_emit(*, step_id: int, events: dict[str, str]) -> int:
    """Queue the step's webhook event (`incident.*`) for the organisation's subscribed
    endpoints, through the one incident emitter; returns how many deliveries were queued."""
    from registry.register.services.incident_events import incident_event_emit

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
