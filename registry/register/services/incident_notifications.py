"""E-mail and in-portal notices about serious-incident reports: to the authority's staff who may
read a new report, and to the organisation's members who may send reports (its administrators
and owners) at every step. Sent after commit; a mail server that is down is logged, never fails
the report. The authority's services (incident_review) call ``notify_incident_organisation``."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from portal.accounts.models import AuthorityMembership, Membership
from portal.authz import roles_that_may
from portal.context_processors import portal_url
from portal.notifications.services import notify
from registry.register.models import IncidentReport, IncidentReportVersion
from registry.register.services.notifications import _send


def incident_organisation_url(report: IncidentReport) -> str:
    """The report's page on its organisation's host: the page of the draft it was sent from,
    numbered in the workspace (the list of incidents if that draft is gone)."""
    from django_tenants.utils import tenant_context

    from registry.workspace.selectors.due import incident_draft_paths

    with tenant_context(report.organisation):
        path = incident_draft_paths([report.pk]).get(report.pk, "/incidents/")
    return portal_url(report.organisation.slug, path)


def incident_regulator_url(report: IncidentReport) -> str:
    """The report's page in the authority's console (public host)."""
    return portal_url(None, f"/regulator/incidents/{report.pk}/")


def incident_params(report: IncidentReport, **extra: Any) -> dict[str, Any]:
    return {
        "reference": report.reference,
        "subject": report.subject_name,
        "authority": report.authority.name,
        "organisation": report.organisation.legal_name,
        "version": report.latest_number,
        **{key: str(value) for key, value in extra.items()},
    }


def notify_incident_organisation(
    *, report: IncidentReport, kind: str, body: str, **extra: Any
) -> int:
    """Tell those who may send incident reports (``incident.submit``) what happened to one:
    in the portal, and by e-mail unless they turned that kind off. Returns e-mails sent."""
    members = Membership.objects.filter(
        role__in=roles_that_may("incident.submit"), organisation_id=report.organisation_id
    ).select_related("user")
    url = incident_organisation_url(report)
    emailed = notify([m.user for m in members], kind, incident_params(report, **extra), url)
    subject = f"{report.reference}: {report.subject_name}"
    text = f"{body}\n\nOpen it: {url}\n"
    return _send([(subject, text, settings.DEFAULT_FROM_EMAIL, [u.email]) for u in emailed])


def incident_readers(report: IncidentReport) -> list[Any]:
    """The people at the report's authority who may read it: its members, and for a restricted
    report (Art 49(4), Art 74(8)) only those granted restricted access."""
    memberships = AuthorityMembership.objects.filter(authority_id=report.authority_id)
    if report.restricted:
        memberships = memberships.filter(restricted_access=True)
    return [m.user for m in memberships.select_related("user")]


def notify_incident_submitted(version_id: int) -> int:
    version = IncidentReportVersion.objects.select_related(
        "report__organisation", "report__authority"
    ).get(pk=version_id)
    report = version.report
    params = incident_params(report)
    params["version"] = version.number
    stage = version.get_stage_display()
    emailed = notify(
        incident_readers(report), "incident.new", params, incident_regulator_url(report)
    )
    to_authority = [
        (
            f"New serious-incident report {report.reference} v{version.number}",
            f"{report.organisation.legal_name} sent {stage} {report.reference}, version "
            f"{version.number}, about {report.subject_name}.\n\n"
            f"Open it: {incident_regulator_url(report)}\n",
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
        )
        for user in emailed
    ]
    sent = _send(to_authority)
    return sent + notify_incident_organisation(
        report=report,
        kind="incident.submitted",
        body=(
            f"{stage} {report.reference}, version {version.number}, was sent to "
            f"{report.authority.name}."
        ),
    )
