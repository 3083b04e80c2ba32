"""Celery tasks of the register's PDF pipeline. Adapters only: they take ids and call services."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from celery import shared_task
from celery.signals import worker_ready

logger = logging.getLogger(__name__)


@shared_task(name="registry.filings.render_pdf", bind=True, max_retries=5, acks_late=True)
def render_pdf(self, job_id: int) -> str:
    from registry.register.services.pdf_jobs import pdf_job_run

    outcome = pdf_job_run(job_id=job_id)
    if outcome == "retry":
        # Exponential backoff: 2, 4, 8, 16 s, then the job is marked failed with its reason.
        raise self.retry(countdown=2 ** (self.request.retries + 1))
    return outcome


@shared_task(name="registry.filings.render_public_pdf", bind=True, max_retries=5, acks_late=True)
def render_public_pdf(self, rendition_id: int) -> str:
    from registry.register.services.pdf_jobs import public_rendition_run

    outcome = public_rendition_run(rendition_id=rendition_id)
    if outcome == "retry":
        raise self.retry(countdown=2 ** (self.request.retries + 1))
    return outcome


@shared_task(name="registry.filings.render_incident_pdf", bind=True, max_retries=5, acks_late=True)
def render_incident_pdf(self, job_id: int) -> str:
    from registry.register.services.pdf_jobs import incident_pdf_job_run

    outcome = incident_pdf_job_run(job_id=job_id)
    if outcome == "retry":
        raise self.retry(countdown=2 ** (self.request.retries + 1))
    return outcome


@shared_task(name="registry.filings.requeue_stalled")
def requeue_stalled(queued_for_seconds: int = 120) -> list[int]:
    """Enqueue again what is stalled; returns the complete-filing jobs (public copies, whose ids
    are another table's, are enqueued too but not listed)."""
    from registry.register.services.pdf_jobs import (
        incident_pdf_jobs_stalled,
        pdf_jobs_stalled,
        public_renditions_stalled,
    )

    queued_for = timedelta(seconds=queued_for_seconds)
    stalled = pdf_jobs_stalled(queued_for=queued_for)
    for job_id in stalled:
        enqueue_pdf(job_id)
    for rendition_id in public_renditions_stalled(queued_for=queued_for):
        enqueue_public_pdf(rendition_id)
    for job_id in incident_pdf_jobs_stalled(queued_for=queued_for):
        enqueue_incident_pdf(job_id)
    return stalled


def enqueue_pdf(job_id: int) -> bool:
    """Send the job to the pdf queue. If Redis is unreachable the job stays queued in the
    database and the sweeper sends it later; the filing itself has already committed."""
    return _enqueue(render_pdf, job_id)


def enqueue_public_pdf(rendition_id: int) -> bool:
    """Send a public copy to the pdf queue; like `enqueue_pdf`, never raises."""
    return _enqueue(render_public_pdf, rendition_id)


def enqueue_incident_pdf(job_id: int) -> bool:
    """Send an incident report version's PDF job to the pdf queue; never raises."""
    return _enqueue(render_incident_pdf, job_id)


def _enqueue(task: Any, object_id: int) -> bool:
    try:
        task.apply_async(
            args=[object_id],
            retry=True,
            retry_policy={
                "max_retries": 2,
                "interval_start": 0.2,
                "interval_step": 0.5,
                "interval_max": 1,
            },
        )
        return True
    except Exception:  # noqa: BLE001 - broker down: the sweeper will pick the job up
        logger.warning(
            "could not enqueue %s %s; the sweeper will retry", task.name, object_id, exc_info=True
        )
        return False


@worker_ready.connect
def _requeue_on_worker_start(sender=None, **kwargs) -> None:
    # A worker that starts after a crash takes over what its predecessor left half-done.
    requeue_stalled.apply_async(kwargs={"queued_for_seconds": 0}, queue="pdf")
