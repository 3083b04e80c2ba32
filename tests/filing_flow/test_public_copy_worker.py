"""Issue 11 item 8 on a real worker and Redis: registering a version queues its public copy, the
worker renders it, and the anonymous download serves that copy and nothing of the full filing."""

from __future__ import annotations

import io
import time

import pypdf
import pytest

from registry.filings.canonical import canonical_json, sha256_hex
from registry.register.models import PdfJob, PublicRendition
from registry.register.selectors import public_snapshot
from registry.register.services import review
from registry.register.services.submit import filing_version_submit
from registry.register.verification import verify_hash
from tests.cast import Cast
from tests.register.factories import submission
from tests.worker import celery_worker

pytestmark = pytest.mark.worker

NOTES = "For the reviewer: the Q2 bias audit follows."
ORGANISATION = {
    "legal_name": "Acme AI SE",
    "vat_number": "DE811569869",
    "contact_name": "Hanna Vogel",
    "contact_email": "hanna.vogel@acme.test",
}


def _wait_for(predicate, timeout: float = 90.0, what: str = "condition"):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_worker_renders_the_public_copy_and_the_public_downloads_only_that(  # type: ignore[no-untyped-def]
    committed_db, settings, tmp_path, host_client
):
    from portal.accounts.models import Authority, AuthorityMembership, User

    settings.MEDIA_ROOT = str(tmp_path / "media")
    cast = Cast.load()
    lead, _ = User.objects.get_or_create(email="e2e-public-lead@msa.test")
    AuthorityMembership.objects.get_or_create(
        user=lead, authority=Authority.objects.get(slug="de-msa"), defaults={"role": "lead"}
    )
    filed = submission(cast.org_a, subject_id="public-copy-e2e")
    filed.body["organisation"] = {**filed.body["organisation"], **ORGANISATION}
    filed.body["notes"] = NOTES
    with celery_worker():
        version = filing_version_submit(actor=cast.alice, submission=filed)
        review.filing_register(actor=lead, filing=version.filing)
        copy = _wait_for(
            lambda: PublicRendition.objects.filter(version=version, state="ready").first(),
            what="the public copy",
        )
        full = _wait_for(
            lambda: PdfJob.objects.filter(version=version, state="ready").first(),
            what="the complete PDF",
        )
    version.refresh_from_db()
    response = host_client("localhost").get(f"/register/{version.filing.pk}/v/1/pdf/")
    data = b"".join(response.streaming_content)
    assert sha256_hex(data) == copy.pdf_sha256 != full.pdf_sha256
    reader = pypdf.PdfReader(io.BytesIO(data))
    (embedded,) = [e.content for e in reader.attachment_list if e.name == "filing.json"]
    assert embedded == canonical_json(public_snapshot(version.snapshot))
    text = "\n".join(page.extract_text() for page in reader.pages) + embedded.decode()
    for private in (*ORGANISATION.values(), NOTES, "Alice Admin", "Indirect discrimination"):
        if private != "Acme AI SE":
            assert private not in text, private
    assert copy.sha256 in text.replace("\n", "")  # its own hash, printed
    assert verify_hash(copy.pdf_sha256).matched == "public_pdf"
    assert verify_hash(copy.sha256).matched == "public_snapshot"
