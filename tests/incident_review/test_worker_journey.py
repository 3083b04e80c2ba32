"""Issue 16, done-when: a reported incident's journey through a real worker and Redis -- initial
report, information requested, final report, closed -- every version's PDF rendered by the
worker, parsed, and matched to its hashes."""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta
from typing import Any

import pypdf
import pytest
from django.utils import timezone

from registry.register import storage
from registry.register.models.incidents import IncidentPdfJob, IncidentReport
from registry.register.services.incident_review import (
    incident_acknowledge,
    incident_close,
    incident_request_information,
)
from tests.cast import Cast
from tests.incident_review.builders import send_next_version, send_report
from tests.worker import celery_worker

pytestmark = pytest.mark.worker


def _ready_pdf(version: Any, timeout: float = 90.0) -> IncidentPdfJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = IncidentPdfJob.objects.filter(version=version, state="ready").first()
        if job is not None:
            return job
        time.sleep(0.2)
    raise AssertionError(f"the PDF of version {version.number} was not rendered")


def _check_pdf(version: Any, report: IncidentReport) -> None:
    job = _ready_pdf(version)
    path = storage.absolute_path(job.storage_path)
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == job.pdf_sha256
    reader = pypdf.PdfReader(path)
    text = "".join(page.extract_text() for page in reader.pages)
    assert report.reference in text
    # The version as filed travels inside the PDF: its bytes hash to the version's SHA-256.
    embedded = [blob for blobs in reader.attachments.values() for blob in blobs]
    assert any(hashlib.sha256(blob).hexdigest() == version.sha256 for blob in embedded)


def test_initial_information_requested_final_closed_on_a_real_worker(
    committed_db, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cast = Cast.load()
    with celery_worker():
        report = send_report(cast.org_a, cast.alice, name="Journey HireRank")
        initial = report.versions.get(number=1)
        _check_pdf(initial, report)

        incident_acknowledge(actor=cast.regulator, report=report)
        incident_request_information(
            actor=cast.regulator,
            report=report,
            question="What corrective action did you take?",
            due_on=timezone.localdate() + timedelta(days=7),
        )
        final = send_next_version(report, cast.alice, stage="final")
        report.refresh_from_db()
        assert (final.number, final.previous_sha256) == (2, initial.sha256)
        assert report.status == "final_submitted"
        _check_pdf(final, report)

        incident_close(actor=cast.regulator, report=report, note="Corrective action accepted.")

    report.refresh_from_db()
    assert report.status == "closed"
    assert list(report.steps.order_by("id").values_list("kind", flat=True)) == [
        "submitted",
        "acknowledged",
        "information_requested",
        "information_provided",
        "closed",
    ]
