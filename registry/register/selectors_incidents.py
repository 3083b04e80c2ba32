"""Reads of an organisation's own serious-incident reports (the provider's side). Never public;
the authority's side is ``selectors_incidents_console``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from portal.tenancy.models import Organisation
from registry.register.models import IncidentReport, IncidentReportVersion, IncidentStep


def incidents_of_organisation(*, organisation: Organisation) -> QuerySet[IncidentReport]:
    """The organisation's reports, newest first, with their recipient."""
    return IncidentReport.objects.filter(organisation=organisation).select_related("authority")


def incident_of_organisation(
    *, organisation: Organisation, report_id: Any
) -> IncidentReport | None:
    """One report of the organisation, or None (another organisation's id is simply unknown)."""
    if report_id is None:
        return None
    return incidents_of_organisation(organisation=organisation).filter(pk=report_id).first()


def incident_reports_by_id(
    *, organisation: Organisation, ids: list[Any]
) -> dict[Any, IncidentReport]:
    """The organisation's reports with these ids, in one query (for a page of drafts)."""
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    rows = incidents_of_organisation(organisation=organisation).filter(pk__in=wanted)
    return {row.pk: row for row in rows}


def incident_versions(report: IncidentReport) -> QuerySet[IncidentReportVersion]:
    return IncidentReportVersion.objects.filter(report=report).select_related("pdf_job")


def incident_version(report: IncidentReport, number: int) -> IncidentReportVersion | None:
    return incident_versions(report).filter(number=number).first()


def incident_steps(report: IncidentReport) -> QuerySet[IncidentStep]:
    return IncidentStep.objects.filter(report=report).select_related("authority")
