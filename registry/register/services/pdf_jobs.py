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

Two kinds of PDF run through it (`Pipeline`): the complete filing of every version, and the
public copy of every registered version (its public part only, docs/decisions/0008).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from portal.audit.services import audit_record
from registry.register import storage
from registry.register.models import IncidentPdfJob, PdfJob, PdfJobState, PublicRendition
from registry.register.models.pdf import RenderJob

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Pipeline:
    """One kind of PDF the worker renders: the complete filing of a version (`PdfJob`) or its
    public copy (`PublicRendition`). Both run through `_run` with the same guarantees."""

    model: type[RenderJob]
    # Keeps each kind's advisory locks apart from the other's and from any other use.
    lock_namespace: int
    storage_kind: str  # the folder of the content-addressed store
    audit_action: str
    source: Callable[[RenderJob], bytes]  # the canonical JSON the PDF shows and embeds
    after_ready: Callable[[int], None] | None = None  # with the version id, once committed
    # The renderer (default: the filing's) and whose audit trail the rendered PDF goes to.
    render: Callable[[bytes], Any] | None = None
    organisation_of: Callable[[Any], int] = lambda version: version.filing.organisation_id


def _after_ready(version_id: int) -> None:
    try:
        from registry.register.services.events import filing_event_emit
    except ImportError:  # webhooks arrive with the API
        return
    filing_event_emit(version_id=version_id, event="filing.pdf_ready")


def _filed_json(job: RenderJob) -> bytes:
    assert isinstance(job, PdfJob)
    return job.version.canonical.encode("utf-8")


def _public_json(rendition: RenderJob) -> bytes:
    assert isinstance(rendition, PublicRendition)
    return rendition.canonical.encode("utf-8")


FULL = Pipeline(
    model=PdfJob,
    lock_namespace=0x5044,  # "PD"
    storage_kind="pdf",
    audit_action="filing.pdf_ready",
    source=_filed_json,
    after_ready=_after_ready,
)
PUBLIC = Pipeline(
    model=PublicRendition,
    lock_namespace=0x5055,  # "PU"
    storage_kind="public-pdf",
    audit_action="filing.public_pdf_ready",
    source=_public_json,
)


def _incident_json(job: RenderJob) -> bytes:
    assert isinstance(job, IncidentPdfJob)
    return job.version.canonical.encode("utf-8")


def _incident_ready(version_id: int) -> None:
    from registry.register.services.incident_events import incident_event_emit

    incident_event_emit(version_id=version_id, event="incident.pdf_ready")


def _render_incident(canonical: bytes) -> Any:
    from registry.filings.incident_pdf import render_incident_pdf

    return render_incident_pdf(canonical)


# Serious-incident report versions (Art 73, Art 55(1)(c)): the same guarantees, their own locks.
INCIDENT = Pipeline(
    model=IncidentPdfJob,
    lock_namespace=0x494E,  # "IN"
    storage_kind="incident-pdf",
    audit_action="incident.pdf_ready",
    source=_incident_json,
    after_ready=_incident_ready,
    render=_render_incident,
    organisation_of=lambda version: version.report.organisation_id,
)
LOCK_NAMESPACE = FULL.lock_namespace


@contextmanager
def _job_lock(job_id: int, namespace: int = LOCK_NAMESPACE) -> Iterator[bool]:
    with connection.cursor() as cursor:
        cursor.execute("select pg_try_advisory_lock(%s, %s)", [namespace, job_id])
        (acquired,) = cursor.fetchone()
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("select pg_advisory_unlock(%s, %s)", [namespace, job_id])


def pdf_job_run(*, job_id: int) -> str:
    """Render the job's PDF unless that is done or under way. Returns what happened:
    "ready", "skipped" (already ready), "busy" (another worker has it), "retry", "failed",
    "missing"."""
    return _run(FULL, job_id)


def incident_pdf_job_run(*, job_id: int) -> str:
    """Render an incident report version's PDF, like `pdf_job_run`."""
    return _run(INCIDENT, job_id)


def public_rendition_run(*, rendition_id: int) -> str:
    """Render the public copy of a registered version, like `pdf_job_run`."""
    return _run(PUBLIC, rendition_id)


def _run(pipeline: Pipeline, job_id: int) -> str:
    from registry.filings.pdf import render_filing_pdf

    objects = pipeline.model._default_manager
    job = objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.state == PdfJobState.READY:
        return "skipped"
    with _job_lock(job_id, pipeline.lock_namespace) as acquired:
        if not acquired:
            return "busy"
        job.refresh_from_db()
        if job.state == PdfJobState.READY:
            return "skipped"
        objects.filter(pk=job_id).update(
            state=PdfJobState.RENDERING,
            attempts=F("attempts") + 1,
            started_at=timezone.now(),
            error="",
        )
        job.refresh_from_db()
        started = time.perf_counter()
        try:
            rendered = (pipeline.render or render_filing_pdf)(pipeline.source(job))
        except Exception as exc:  # noqa: BLE001 - every failure is recorded on the job
            logger.exception(
                "rendering %s %s failed (attempt %s)", pipeline.model.__name__, job_id, job.attempts
            )
            final = job.attempts >= MAX_ATTEMPTS
            objects.filter(pk=job_id).update(
                state=PdfJobState.FAILED if final else PdfJobState.QUEUED,
                error=f"{type(exc).__name__}: {exc}"[:2000],
                finished_at=timezone.now() if final else None,
            )
            return "failed" if final else "retry"
        seconds = time.perf_counter() - started
        sha, size, relative = storage.store_bytes(pipeline.storage_kind, rendered.content, ".pdf")
        with transaction.atomic():
            locked = objects.select_for_update().get(pk=job_id)
            if locked.state == PdfJobState.READY:
                return "skipped"
            locked.state = PdfJobState.READY
            locked.pdf_sha256, locked.pdf_size, locked.storage_path = sha, size, relative
            locked.page_count = rendered.page_count
            locked.render_seconds = seconds
            locked.finished_at = timezone.now()
            locked.save()
            version = locked.version  # type: ignore[attr-defined]  # both kinds have one
            audit_record(
                actor=None,
                action=pipeline.audit_action,
                obj=version,
                after={"pdf_sha256": sha, "pages": rendered.page_count},
                organisation_id=pipeline.organisation_of(version),
            )
            after_ready = pipeline.after_ready
            if after_ready is not None:
                transaction.on_commit(lambda: after_ready(version.pk))
    return "ready"


def pdf_jobs_stalled(*, queued_for: timedelta = timedelta(minutes=2)) -> list[int]:
    """Jobs to enqueue again: queued for too long, or 'rendering' with no live renderer."""
    return _stalled(FULL, queued_for)


def incident_pdf_jobs_stalled(*, queued_for: timedelta = timedelta(minutes=2)) -> list[int]:
    """Incident PDFs to enqueue again, by the same rule as `pdf_jobs_stalled`."""
    return _stalled(INCIDENT, queued_for)


def public_renditions_stalled(*, queued_for: timedelta = timedelta(minutes=2)) -> list[int]:
    """Public copies to enqueue again, by the same rule as `pdf_jobs_stalled`."""
    return _stalled(PUBLIC, queued_for)


def _stalled(pipeline: Pipeline, queued_for: timedelta) -> list[int]:
    objects = pipeline.model._default_manager
    stalled = list(
        objects.filter(
            state=PdfJobState.QUEUED, queued_at__lte=timezone.now() - queued_for
        ).values_list("pk", flat=True)
    )
    for job_id in objects.filter(state=PdfJobState.RENDERING).values_list("pk", flat=True):
        with _job_lock(job_id, pipeline.lock_namespace) as free:
            if free:  # nobody holds the lock: the worker that said "rendering" is gone
                stalled.append(job_id)
    return sorted(stalled)
