"""On a real worker and Redis: sending a deployer's initial report queues its PDF; the worker
renders a PDF/A-3b that carries the version's canonical JSON (incident.json), prints its hash and
says that the provider was informed first (Art 26(5)); the PDF's hash is the one recorded."""

from __future__ import annotations

import hashlib
import io
import time

import pypdf
import pytest
from django_tenants.utils import tenant_context

from registry.filings.incident_pdf import ATTACHMENT_NAME, KEYWORD_PREFIX
from registry.register import storage
from registry.register.models import IncidentPdfJob
from registry.workspace import services
from registry.workspace.services.incidents import incident_draft_create, incident_draft_submit
from tests.cast import Cast
from tests.worker import celery_worker

from .conftest import HIGH_RISK_FACTS, aware

pytestmark = pytest.mark.worker


def test_worker_renders_the_initial_report_with_its_json_and_hash(committed_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cast = Cast.load()
    with tenant_context(cast.org_a):
        system = services.ai_system_create(actor=cast.alice, trade_name="ScoreIt", role="deployer")
        services.system_classify(
            actor=cast.alice, system=system, facts={**HIGH_RISK_FACTS, "role": "deployer"}
        )
        draft = incident_draft_create(
            actor=cast.alice,
            regime="art73",
            system=system.pk,
            title="Loan refused on a wrong score",
            member_state="DE",
            harms=["fundamental_rights"],
            aware_on=aware(1),
            provider_informed_on=aware(0),
            provider_informed_note="Ticket 4711 at the provider's incident desk",
        )
    with celery_worker(queues="pdf"):
        with tenant_context(cast.org_a):
            version = incident_draft_submit(actor=cast.alice, draft=draft)
        deadline, job = time.monotonic() + 90, None
        while time.monotonic() < deadline and job is None:
            job = IncidentPdfJob.objects.filter(version=version, state="ready").first()
            time.sleep(0.2)
    assert job is not None, "the worker did not render the PDF"
    data = storage.absolute_path(job.storage_path).read_bytes()
    assert hashlib.sha256(data).hexdigest() == job.pdf_sha256
    reader = pypdf.PdfReader(io.BytesIO(data))
    (embedded,) = reader.attachments[ATTACHMENT_NAME]
    assert embedded == version.canonical.encode()
    assert hashlib.sha256(embedded).hexdigest() == version.sha256
    assert f"{KEYWORD_PREFIX}{version.sha256}" in reader.metadata["/Keywords"]
    text = " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")
    assert version.report.reference in text and "Art 73(2)" in text
    assert "Art 26(5)" in text and "Ticket 4711" in text
    # Labels, never codes (issue 15 item 1): the calendar and the member state by name.
    assert "amended_2026_1744" not in text and "original_2024_1689" not in text
    assert "Germany" in text
    assert version.sha256 in text.replace(" ", "")
