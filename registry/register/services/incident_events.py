"""Incident events for the organisation's webhooks (``incident.*``). Called once the change has
committed (each service registers it with transaction.on_commit): an event about a report that
rolled back must never leave. Both the provider's and the authority's services emit through here.
"""

from __future__ import annotations

import logging
from typing import Any

from registry.register.models import IncidentReport, IncidentReportVersion

logger = logging.getLogger(__name__)


def incident_event_data(
    report: IncidentReport, version: IncidentReportVersion | None = None, **extra: Any
) -> dict[str, Any]:
    """What an integrator needs to find the report again (the API's ids), never its content:
    the report itself is read through the API with the organisation's key."""
    job = getattr(version, "pdf_job", None) if version is not None else None
    return {
        "incident_id": str(report.pk),
        "reference": report.reference,
        "regime": report.regime,
        "subject_type": report.subject_type,
        "subject_id": report.subject_id,
        "subject_name": report.subject_name,
        "authority": report.authority.name,
        "status": report.status,
        "due_on": report.due_on,
        "information_due_on": report.information_due_on,
        "version": version.number if version is not None else report.latest_number,
        "stage": version.stage if version is not None else report.latest_stage,
        "sha256": version.sha256 if version is not None else None,
        "pdf_sha256": job.pdf_sha256 if job is not None and job.pdf_sha256 else None,
        **extra,
    }


def incident_event_emit(
    *,
    event: str,
    version_id: int | None = None,
    report_id: Any = None,
    **extra: Any,
) -> int:
    """Queue ``event`` for every subscribed endpoint of the report's organisation, about a
    version (``version_id``) or the report as a whole (``report_id``); returns how many
    deliveries were queued. Never raises: the change has committed whatever happens here."""
    from registry.webhooks.services import webhook_event_dispatch

    try:
        version = None
        if version_id is not None:
            version = (
                IncidentReportVersion.objects.select_related("report__authority", "pdf_job")
                .filter(pk=version_id)
                .first()
            )
            report = version.report if version is not None else None
        else:
            report = IncidentReport.objects.select_related("authority").filter(pk=report_id).first()
        if report is None:
            return 0
        deliveries = webhook_event_dispatch(
            organisation_id=report.organisation_id,
            event=event,
            data=incident_event_data(report, version, **extra),
        )
        return len(deliveries)
    except Exception:  # noqa: BLE001 - webhooks are best effort after the commit
        logger.exception("could not queue %s for incident %s/%s", event, report_id, version_id)
        return 0
