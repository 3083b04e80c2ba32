"""E-mail and in-portal notices about serious-incident reports: to the authority's staff who may
read a new report, and to the organisation's members who may send reports (its administrators
and owners) at every step. Sent after commit; a mail server that is down is logged, never fails
the report. The authority's services (incident_review) call ``notify_incident_organisation``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _

from portal import mail
from portal.accounts.models import AuthorityMembership, Membership
from portal.authz import roles_that_may
from portal.context_processors import portal_url
from portal.notifications.services import notify
from portal.notifications.texts import KINDS
from registry.register.models import IncidentReport, IncidentReportVersion


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


def _mail(
    recipients: list[Any], kind: str, params: dict[str, Any], body: Callable[[], str], url: str
) -> int:
    """The e-mails of a notice, each in its reader's language (portal.mail): the notice's own
    title as the subject, ``body()`` (built once per language) and the link."""

    def build() -> tuple[str, str]:
        text = body() + "\n\n" + _("Open it: %(url)s") % {"url": url} + "\n"
        return str(KINDS[kind] % params), text

    return mail.send(mail.messages(recipients, build))


def notify_incident_organisation(
    *, report: IncidentReport, kind: str, body: Callable[[], str], **extra: Any
) -> int:
    """Tell those who may send incident reports (``incident.submit``) what happened to one:
    in the portal, and by e-mail unless they turned that kind off (``body()`` is written once
    per reader's language). Returns e-mails sent."""
    members = Membership.objects.filter(
        role__in=roles_that_may("incident.submit"), organisation_id=report.organisation_id
    ).select_related("user")
    url = incident_organisation_url(report)
    params = incident_params(report, **extra)
    emailed = notify([m.user for m in members], kind, params, url)
    return _mail(emailed, kind, params, body, url)


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
    url = incident_regulator_url(report)
    emailed = notify(incident_readers(report), "incident.new", params, url)

    def to_authority() -> str:
        return _(
            "%(organisation)s sent %(stage)s %(reference)s, version %(version)s, about %(subject)s."
        ) % {**params, "stage": version.get_stage_display()}

    def to_organisation() -> str:
        return _("%(stage)s %(reference)s, version %(version)s, was sent to %(authority)s.") % {
            **params,
            "stage": version.get_stage_display(),
        }

    sent = _mail(emailed, "incident.new", params, to_authority, url)
    return sent + notify_incident_organisation(
        report=report, kind="incident.submitted", body=to_organisation
    )
