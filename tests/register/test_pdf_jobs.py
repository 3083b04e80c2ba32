from __future__ import annotations

from datetime import timedelta

import pypdf
import pytest
from django.utils import timezone

from registry.filings.verify import verify_filing_pdf
from registry.register import storage
from registry.register.models import PdfJob
from registry.register.services.integrity import register_verify
from registry.register.services.pdf_jobs import pdf_job_run, pdf_jobs_stalled
from registry.register.services.submit import filing_version_submit
from tests.register.factories import submission


@pytest.fixture
def job(alice, org_a, no_enqueue):
    return filing_version_submit(actor=alice, submission=submission(org_a)).pdf_job


def test_job_renders_a_pdf_that_verifies_against_the_snapshot(job):
    assert pdf_job_run(job_id=job.pk) == "ready"
    job.refresh_from_db()
    assert job.state == "ready" and job.page_count >= 1
    data = storage.absolute_path(job.storage_path).read_bytes()
    result = verify_filing_pdf(data, expected_sha256=job.version.sha256)
    assert result.ok, result.problems
    text = "".join(
        page.extract_text()
        for page in pypdf.PdfReader(storage.absolute_path(job.storage_path)).pages
    )
    assert job.version.filing.registration_number in text


def test_second_delivery_does_nothing(job):
    assert pdf_job_run(job_id=job.pk) == "ready"
    first = PdfJob.objects.get(pk=job.pk)
    assert pdf_job_run(job_id=job.pk) == "skipped"
    again = PdfJob.objects.get(pk=job.pk)
    assert (again.attempts, again.pdf_sha256, again.finished_at) == (
        first.attempts,
        first.pdf_sha256,
        first.finished_at,
    )


def test_render_failure_is_retried_then_failed_with_reason(job, monkeypatch):
    def broken(canonical):
        raise RuntimeError("fonts missing")

    monkeypatch.setattr("registry.filings.pdf.render_filing_pdf", broken)
    outcomes = [pdf_job_run(job_id=job.pk) for _ in range(5)]
    assert outcomes == ["retry"] * 4 + ["failed"]
    job.refresh_from_db()
    assert job.state == "failed" and "fonts missing" in job.error


def test_sweeper_finds_old_queued_jobs_and_orphaned_renders(job):
    assert pdf_jobs_stalled() == []
    PdfJob.objects.filter(pk=job.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    assert pdf_jobs_stalled() == [job.pk]
    PdfJob.objects.filter(pk=job.pk).update(state="rendering", queued_at=timezone.now())
    assert pdf_jobs_stalled() == [job.pk]  # nobody holds its lock


def test_verify_register_reports_tampering(job):
    from django.db import connection

    pdf_job_run(job_id=job.pk)
    checked, problems = register_verify()
    assert checked >= 2 and problems == []
    path = storage.absolute_path(PdfJob.objects.get(pk=job.pk).storage_path)
    path.write_bytes(path.read_bytes() + b"%tampered")
    with connection.cursor() as cursor:  # a superuser who disables the trigger to rewrite history
        cursor.execute("set local session_replication_role = replica")
        cursor.execute(
            "update register_filingversion set canonical = replace(canonical, 'HireRank', 'HideRank')"
        )
        cursor.execute("set local session_replication_role = origin")
    _, problems = register_verify()
    messages = [str(p) for p in problems]
    assert any("does not hash to the recorded SHA-256" in m and "PDF" in m for m in messages)
    assert any("stored JSON does not hash" in m for m in messages)
