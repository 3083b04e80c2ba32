"""Running a PDF job: idempotent, safe against two workers and against a worker killed mid-render.

Exactly-once is built from three parts:
- a PostgreSQL advisory lock per job, held by the rendering worker's database session: a second
  delivery of the same job finds it taken and does nothing; a worker killed with kill -9 loses its
  connection and with it the lock, so the job can be taken over at once;
- the job row's state, checked before and after rendering under a row lock: a job that is ready
  stays ready, and only one PDF is ever recorded for a version;
- content-addressed storage: writing the same PDF twice writes one file.
A sweeper re-enqueues jobs that are queued too long (a lost message, Redis restarted) or that say
"rendering" while nobody holds their lock (the renderer died).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from portal.audit.services import audit_record
from registry.register import storage
from registry.register.models import PdfJob, PdfJobState

logger = logging.getLogger(__name__)

LOCK_NAMESPACE = 0x5044  # "PD": keeps these advisory locks apart from any other use
MAX_ATTEMPTS = 5


@contextmanager
def _job_lock(job_id: int) -> Iterator[bool]:
    with connection.cursor() as cursor:
        cursor.execute("select pg_try_advisory_lock(%s, %s)", [LOCK_NAMESPACE, job_id])
        (acquired,) = cursor.fetchone()
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("select pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, job_id])


def pdf_job_run(*, job_id: int) -> str:
    """Render the job's PDF unless that is done or under way. Returns what happened:
    "ready", "skipped" (already ready), "busy" (another worker has it), "retry", "failed",
    "missing"."""
    from registry.filings.pdf import render_filing_pdf

    job = PdfJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.state == PdfJobState.READY:
        return "skipped"
    with _job_lock(job_id) as acquired:
        if not acquired:
            return "busy"
        job.refresh_from_db()
        if job.state == PdfJobState.READY:
            return "skipped"
        PdfJob.objects.filter(pk=job_id).update(
            state=PdfJobState.RENDERING,
            attempts=F("attempts") + 1,
            started_at=timezone.now(),
            error="",
        )
        job.refresh_from_db()
        started = time.perf_counter()
        try:
            rendered = render_filing_pdf(job.version.canonical.encode("utf-8"))
        except Exception as exc:  # noqa: BLE001 - every failure is recorded on the job
            logger.exception("rendering PDF job %s failed (attempt %s)", job_id, job.attempts)
            final = job.attempts >= MAX_ATTEMPTS
            PdfJob.objects.filter(pk=job_id).update(
                state=PdfJobState.FAILED if final else PdfJobState.QUEUED,
                error=f"{type(exc).__name__}: {exc}"[:2000],
                finished_at=timezone.now() if final else None,
            )
            return "failed" if final else "retry"
        seconds = time.perf_counter() - started
        sha, size, relative = storage.store_bytes("pdf", rendered.content, ".pdf")
        with transaction.atomic():
            locked = PdfJob.objects.select_for_update().get(pk=job_id)
            if locked.state == PdfJobState.READY:
                return "skipped"
            locked.state = PdfJobState.READY
            locked.pdf_sha256, locked.pdf_size, locked.storage_path = sha, size, relative
            locked.page_count = rendered.page_count
            locked.render_seconds = seconds
            locked.finished_at = timezone.now()
            locked.save()
            version = locked.version
            audit_record(
                actor=None,
                action="filing.pdf_ready",
                obj=version,
                after={"pdf_sha256": sha, "pages": rendered.page_count},
                organisation_id=version.filing.organisation_id,
            )
            transaction.on_commit(lambda: _after_ready(version.pk))
    return "ready"


def _after_ready(version_id: int) -> None:
    try:
        from registry.register.services.events import filing_event_emit
    except ImportError:  # webhooks arrive with the API
        return
    filing_event_emit(version_id=version_id, event="filing.pdf_ready")


def pdf_jobs_stalled(*, queued_for: timedelta = timedelta(minutes=2)) -> list[int]:
    """Jobs to enqueue again: queued for too long, or 'rendering' with no live renderer."""
    stalled = list(
        PdfJob.objects.filter(
            state=PdfJobState.QUEUED, queued_at__lte=timezone.now() - queued_for
        ).values_list("pk", flat=True)
    )
    for job_id in PdfJob.objects.filter(state=PdfJobState.RENDERING).values_list("pk", flat=True):
        with _job_lock(job_id) as free:
            if free:  # nobody holds the lock: the worker that said "rendering" is gone
                stalled.append(job_id)
    return sorted(stalled)
