"""Redis dies while filings are submitted; every submitted filing still gets exactly one PDF.

The filing commits in PostgreSQL whatever Redis does: the PDF job row is the source of truth and
the Celery message only a wake-up call (docs/decisions/0004-filings-and-pdf-jobs.md). With Redis
killed (no persistence: every queued message is lost) submits must still succeed, and once Redis
is back the sweeper (`requeue_stalled`, run every minute by beat) hands the queued jobs to the
worker, which reconnected by itself.

The kill -9 of the worker mid-render is covered by
tests/filing_flow/test_end_to_end.py::test_killing_the_worker_mid_render_ends_with_exactly_one_ready_pdf.
"""

from __future__ import annotations

import signal
import time

import pytest

from portal.devstack import EmbeddedRedis
from registry.filings.tasks import requeue_stalled
from registry.filings.verify import verify_filing_pdf
from registry.register import storage
from registry.register.models import PdfJob
from registry.register.services.submit import filing_version_submit
from tests.cast import Cast
from tests.register.factories import submission
from tests.reliability.support import celery_broker, kill, wait_for
from tests.worker import celery_worker

pytestmark = [pytest.mark.worker, pytest.mark.timeout(180)]

PER_PHASE = 3  # filings submitted before the kill, while Redis is down, and after the restart
SUBMIT_BOUND_SECONDS = 10  # a submit with Redis down waits for the enqueue retries, not longer
PDF_BOUND_SECONDS = 120


def _submit(cast: Cast, n: int) -> tuple[object, float]:
    started = time.monotonic()
    version = filing_version_submit(
        actor=cast.alice, submission=submission(cast.org_a, subject_id=f"redis-restart-{n}")
    )
    return version, time.monotonic() - started


def _all_ready(versions: list) -> bool:
    ready = PdfJob.objects.filter(version__in=versions, state="ready").count()
    return ready == len(versions)


def test_every_filing_submitted_across_a_redis_restart_gets_exactly_one_pdf(
    committed_db, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cast = Cast.load()
    redis_server = EmbeddedRedis(tmp_path / "redis", persist=False).start()
    url = redis_server.url
    env = {"REDIS_URL": url, "CELERY_BROKER_URL": url, "CELERY_RESULT_BACKEND": url}
    versions, down_submits = [], []
    try:
        with celery_broker(url), celery_worker(extra_env=env):
            for n in range(PER_PHASE):
                versions.append(_submit(cast, n)[0])

            # kill -9: no shutdown, and (no persistence) every message still in Redis is lost.
            kill(redis_server.proc, signal.SIGKILL)
            redis_server.proc = None
            for n in range(PER_PHASE, 2 * PER_PHASE):
                version, seconds = _submit(cast, n)
                versions.append(version)
                down_submits.append(seconds)
            # Redis down: the submits committed, their jobs wait in the database.
            assert PdfJob.objects.filter(version__in=versions[PER_PHASE:]).count() == PER_PHASE
            assert max(down_submits) < SUBMIT_BOUND_SECONDS, down_submits

            redis_server = EmbeddedRedis(tmp_path / "redis", port=redis_server.port, persist=False)
            redis_server.start()
            for n in range(2 * PER_PHASE, 3 * PER_PHASE):
                versions.append(_submit(cast, n)[0])
            requeue_stalled(queued_for_seconds=0)  # what beat does every minute
            back = time.monotonic()

            wait_for(
                lambda: _all_ready(versions), timeout=PDF_BOUND_SECONDS, what="every PDF ready"
            )
            ready_after = time.monotonic() - back
            time.sleep(1)  # a duplicate delivery, if any, gets its chance to do harm
    finally:
        redis_server.stop()

    jobs = list(PdfJob.objects.filter(version__in=versions).select_related("version"))
    assert len(jobs) == len(versions) == 3 * PER_PHASE  # one job per version, no more
    for job in jobs:
        assert job.state == "ready", (job.version_id, job.state, job.error)
        assert storage.file_sha256(job.storage_path) == job.pdf_sha256
        pdf = storage.absolute_path(job.storage_path).read_bytes()
        assert verify_filing_pdf(pdf, expected_sha256=job.version.sha256).ok
    print(
        f"\nredis restart: {len(versions)} filings, submits with Redis down took at most "
        f"{max(down_submits):.2f} s; every PDF ready {ready_after:.1f} s after the sweep"
    )
