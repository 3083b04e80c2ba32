"""Filing events for the organisation's webhooks. Called once the change has committed (the PDF
job, submit and review services register it with transaction.on_commit): an event about a
filing that rolled back must never leave."""

from __future__ import annotations

import logging
from typing import Any

from registry.register.models import FilingVersion

logger = logging.getLogger(__name__)


def filing_event_data(version: FilingVersion, **extra: Any) -> dict[str, Any]:
    filing = version.filing
    job = getattr(version, "pdf_job", None)
    return {
        "filing_id": str(filing.pk),
        "registration_number": filing.registration_number,
        "kind": filing.kind,
        "subject_type": filing.subject_type,
        "subject_id": filing.subject_id,
        "subject_name": filing.subject_name,
        "filing_status": filing.status,
        "version": version.number,
        "version_status": version.status,
        "sha256": version.sha256,
        "pdf_sha256": job.pdf_sha256 if job is not None and job.pdf_sha256 else None,
        **extra,
    }


def filing_event_emit(*, version_id: int, event: str, **extra: Any) -> int:
    """Queue `event` for every subscribed endpoint of the filing's organisation; returns how
    many deliveries were queued. Never raises: the filing has committed whatever happens here."""
    from registry.webhooks.services import webhook_event_dispatch

    try:
        version = (
            FilingVersion.objects.select_related("filing", "pdf_job").filter(pk=version_id).first()
        )
        if version is None:
            return 0
        deliveries = webhook_event_dispatch(
            organisation_id=version.filing.organisation_id,
            event=event,
            data=filing_event_data(version, **extra),
        )
        return len(deliveries)
    except Exception:  # noqa: BLE001 - webhooks are best effort after the commit
        logger.exception("could not queue %s for filing version %s", event, version_id)
        return 0
