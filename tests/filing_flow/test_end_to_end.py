"""Issue 4, done-when: the whole filing life cycle on a real worker and Redis."""

from __future__ import annotations

import os
import signal
import time

import pypdf
import pytest
from django_tenants.utils import tenant_context

from registry.filings.verify import verify_filing_pdf
from registry.register import storage
from registry.register.models import PdfJob
from registry.register.selectors import (
    filing_registered_version,
    filing_versions,
    public_filings,
    regulator_filings,
)
from registry.register.services import review
from registry.register.services.submit import filing_version_submit
from registry.workspace import services
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.cast import Cast
from tests.filing_flow.builders import complete_section_a_system
from tests.register.factories import submission
from tests.worker import celery_worker

pytestmark = pytest.mark.worker


def _wait_for(predicate, timeout: float = 60.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _ready(version):
    return PdfJob.objects.filter(version=version, state="ready").first()


def _people():
    from portal.accounts.models import Authority, AuthorityMembership, User

    cast = Cast.load()
    lead, _ = User.objects.get_or_create(email="e2e-lead@msa.test")
    AuthorityMembership.objects.get_or_create(
        user=lead, authority=Authority.objects.get(slug="de-msa"), defaults={"role": "lead"}
    )
    french = Authority.objects.get_or_create(
        slug="fr-msa-e2e",
        defaults={"name": "FR MSA e2e", "kind": "national_msa", "member_states": ["FR"]},
    )[0]
    outsider, _ = User.objects.get_or_create(email="e2e-fr@fr.test")
    AuthorityMembership.objects.get_or_create(
        user=outsider, authority=french, defaults={"role": "lead"}
    )
    return cast, lead, outsider


def test_section_a_filing_from_submit_to_public_register(committed_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cast, lead, outsider = _people()
    with celery_worker():
        with tenant_context(cast.org_a):
            system = complete_section_a_system(cast.alice, trade_name="E2E HireRank")
            draft = filing_draft_create(actor=cast.alice, kind="annex_viii_a", system_id=system.pk)
            v1 = filing_draft_submit(actor=cast.alice, draft=draft, confirmed=True)
        job = _wait_for(lambda: _ready(v1), what="PDF of version 1")
        pdf_bytes = storage.absolute_path(job.storage_path).read_bytes()
        check = verify_filing_pdf(pdf_bytes, expected_sha256=v1.sha256)
        assert check.ok, check.problems
        text = "".join(
            page.extract_text()
            for page in pypdf.PdfReader(storage.absolute_path(job.storage_path)).pages
        )
        assert "E2E HireRank" in text and v1.filing.registration_number in text

        filing = v1.filing
        assert filing in regulator_filings(user=cast.regulator)
        assert filing not in regulator_filings(user=outsider)
        review.filing_request_changes(
            actor=cast.regulator,
            filing=filing,
            comments=[{"field": "intended_purpose", "body": "Name the decisions it supports."}],
        )

        with tenant_context(cast.org_a):
            services.ai_system_update(
                actor=cast.alice,
                system=system,
                intended_purpose="Ranks applications; recruiters decide.",
            )
            v2 = filing_draft_submit(actor=cast.alice, draft=draft, confirmed=True)
        assert v2.number == 2 and v2.previous_sha256 == v1.sha256
        _wait_for(lambda: _ready(v2), what="PDF of version 2")
        review.filing_register(actor=lead, filing=filing)

    filing.refresh_from_db()
    assert list(public_filings()) == [filing]
    assert filing_registered_version(filing).number == 2
    assert [(v.number, v.status) for v in filing_versions(filing)] == [
        (1, "changes_requested"),
        (2, "registered"),
    ]
    assert PdfJob.objects.filter(state="ready").count() == 2


def test_restricted_filing_never_reaches_the_public_register(committed_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cast, lead, _ = _people()
    from portal.accounts.models import AuthorityMembership

    AuthorityMembership.objects.filter(user=lead).update(restricted_access=True)
    version = filing_version_submit(
        actor=cast.alice,
        submission=submission(cast.org_a, restricted=True, subject_id="police-e2e"),
    )
    review.filing_register(actor=lead, filing=version.filing)
    assert version.filing not in public_filings()
    assert version.filing not in regulator_filings(user=cast.regulator)


def test_killing_the_worker_mid_render_ends_with_exactly_one_ready_pdf(
    committed_db, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cast = Cast.load()
    # A long filing (hundreds of risk rows) renders for a few seconds: time enough to kill it.
    body = submission(cast.org_a, subject_id="long-one")
    body.body["risk_summary"] = body.body["risk_summary"] * 300
    with celery_worker() as worker:
        version = filing_version_submit(actor=cast.alice, submission=body)
        _wait_for(
            lambda: PdfJob.objects.filter(version=version, state="rendering").exists(),
            what="rendering to start",
        )
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    job = PdfJob.objects.get(version=version)
    assert job.state == "rendering"
    with celery_worker():
        job = _wait_for(lambda: _ready(version), timeout=120, what="PDF after restart")
        time.sleep(2)  # give a duplicate delivery, if any, the chance to do harm
    job.refresh_from_db()
    assert PdfJob.objects.filter(version=version).count() == 1
    assert job.state == "ready" and job.attempts == 2
    assert storage.file_sha256(job.storage_path) == job.pdf_sha256
    assert verify_filing_pdf(
        storage.absolute_path(job.storage_path).read_bytes(), expected_sha256=version.sha256
    ).ok
