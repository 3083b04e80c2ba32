"""Issue 11 item 8: a public copy holds only public items. The public downloads the public copy of
a registered version (its public part, rendered and hashed on its own); the organisation and its
authority still get the complete filing. Real PDFs, rendered in process and read with pypdf (the
worker's side is tests/filing_flow/test_public_copy_worker.py)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from portal.tenancy.models import Organisation
from registry.filings.canonical import canonical_json, sha256_hex
from registry.filings.verify import verify_filing_pdf
from registry.register import storage
from registry.register.models import FilingVersion, PublicRendition
from registry.register.selectors import public_snapshot
from registry.register.services.pdf_jobs import pdf_job_run, public_rendition_run
from registry.register.services.review import filing_register
from registry.workspace import services
from registry.workspace.models import FilingDraft
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.api.helpers import PUBLIC_HOST, ApiClient
from tests.filing_flow.builders import complete_section_a_system

pytestmark = pytest.mark.django_db

# What the demo organisations file and the public must not read (contact person, VAT number,
# the person who submitted, the risk and QMS summaries, the notes for the reviewer).
CONTACT_NAME = "Hanna Vogel"
CONTACT_EMAIL = "hanna.vogel@acme.test"
VAT_NUMBER = "DE811569869"
NOTES = "Reviewer: the bias audit for Q2 follows in July."
HAZARD = "Proxy discrimination"
QMS_VERSION = "QMS-MANUAL-7.3"
SUBMITTER = ("Alice Admin", "alice@acme.test")
PRIVATE = (CONTACT_NAME, CONTACT_EMAIL, VAT_NUMBER, NOTES, HAZARD, QMS_VERSION, *SUBMITTER)


@dataclass
class Registered:
    draft: FilingDraft
    version: FilingVersion
    copy: PublicRendition


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _embedded_json(data: bytes) -> bytes:
    (entry,) = [
        e for e in pypdf.PdfReader(io.BytesIO(data)).attachment_list if e.name == "filing.json"
    ]
    return entry.content


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


@pytest.fixture
def registered_copy(cast, lead) -> Registered:  # type: ignore[no-untyped-def]
    """A Section A filing as the demo files one (the organisation's contact person fills in the
    provider's contact details, a VAT number, a risk, a QMS record, notes for the reviewer),
    registered by the German lead, with both PDFs rendered."""
    Organisation.objects.filter(pk=cast.org_a.pk).update(
        contact_name=CONTACT_NAME,
        contact_email=CONTACT_EMAIL,
        contact_phone="+49 30 5550100",
        vat_number=VAT_NUMBER,
    )
    organisation = Organisation.objects.get(pk=cast.org_a.pk)
    with tenant_context(organisation):
        system = complete_section_a_system(cast.alice, trade_name="TriageAssist ED")
        # Blank: filled from the organisation (its contact person), as for the demo systems.
        services.ai_system_update(actor=cast.alice, system=system, provider_contact_details="")
        services.qms_record_create(
            actor=cast.alice,
            aspect="a",
            title="Strategy for regulatory compliance",
            document_version=QMS_VERSION,
            systems=[system],
        )
        draft = filing_draft_create(
            actor=cast.alice, kind="annex_viii_a", system_id=system.pk, notes=NOTES
        )
        version = filing_draft_submit(actor=cast.alice, draft=draft, confirmed=True)
    filing_register(actor=lead, filing=version.filing)
    version.refresh_from_db()
    assert pdf_job_run(job_id=version.pdf_job.pk) == "ready"
    copy = PublicRendition.objects.get(version=version)
    assert public_rendition_run(rendition_id=copy.pk) == "ready"
    copy.refresh_from_db()
    version.pdf_job.refresh_from_db()
    return Registered(draft=draft, version=version, copy=copy)


def test_the_complete_filing_holds_what_the_public_copy_leaves_out(registered_copy):  # type: ignore[no-untyped-def]
    # The premise: without a public copy, all of this would have been published.
    full = storage.absolute_path(registered_copy.version.pdf_job.storage_path).read_bytes()
    filed = _embedded_json(full).decode()
    for value in PRIVATE:
        assert value in filed, value


def test_public_copy_holds_none_of_the_private_items(registered_copy):  # type: ignore[no-untyped-def]
    data = storage.absolute_path(registered_copy.copy.storage_path).read_bytes()
    text, embedded = _pdf_text(data), _embedded_json(data).decode()
    for value in PRIVATE:
        assert value not in text, value
        assert value not in embedded, value
    assert "Risk management summary" not in text and "Quality management" not in text
    # What the public register publishes is there.
    assert "TriageAssist ED" in text and "Acme AI SE" in text
    assert registered_copy.version.filing.registration_number in text


def test_public_copy_embeds_the_public_snapshot_and_verifies_with_its_own_hash(registered_copy):  # type: ignore[no-untyped-def]
    copy, version = registered_copy.copy, registered_copy.version
    data = storage.absolute_path(copy.storage_path).read_bytes()
    expected = canonical_json(public_snapshot(version.snapshot))
    assert _embedded_json(data) == expected == copy.canonical.encode()
    assert copy.sha256 == sha256_hex(expected) != version.sha256
    assert copy.pdf_sha256 == sha256_hex(data) != version.pdf_job.pdf_sha256
    check = verify_filing_pdf(data, expected_sha256=copy.sha256)
    assert check.ok, check.problems  # PDF/A-3b, filing.json as /Source, hash printed and in XMP


def test_anonymous_downloads_get_the_public_copy_never_the_complete_filing(  # type: ignore[no-untyped-def]
    registered_copy, host_client
):
    filing = registered_copy.version.filing
    web = _body(host_client("localhost").get(f"/register/{filing.pk}/v/1/pdf/"))
    api = _body(ApiClient(PUBLIC_HOST).get(f"/api/v1/register/filings/{filing.pk}/versions/1/pdf/"))
    for data in (web, api):
        assert sha256_hex(data) == registered_copy.copy.pdf_sha256
        assert sha256_hex(data) != registered_copy.version.pdf_job.pdf_sha256
    versions = ApiClient(PUBLIC_HOST).get(f"/api/v1/register/filings/{filing.pk}/versions/")
    (row,) = versions.json()["results"]
    assert row["pdf"]["pdf_sha256"] == registered_copy.copy.pdf_sha256
    assert row["pdf"]["public_sha256"] == registered_copy.copy.sha256


def test_organisation_and_its_authority_still_get_the_complete_filing(  # type: ignore[no-untyped-def]
    registered_copy, host_client, cast, lead
):
    draft, filing = registered_copy.draft, registered_copy.version.filing
    full = registered_copy.version.pdf_job.pdf_sha256
    organisation = host_client("acme.localhost", user=cast.alice)
    authority = host_client("localhost", user=lead)
    downloads = [
        organisation.get(f"/filings/{draft.pk}/versions/1/pdf/"),
        organisation.get(f"/api/v1/filings/{draft.pk}/versions/1/pdf/"),
        authority.get(f"/regulator/filings/{filing.pk}/v/1/pdf/"),
        authority.get(f"/api/v1/regulator/filings/{filing.pk}/versions/1/pdf/"),
    ]
    for response in downloads:
        data = _body(response)
        assert sha256_hex(data) == full
    assert CONTACT_EMAIL in _pdf_text(data) and NOTES in _embedded_json(data).decode()


def test_public_copy_verifies_at_verify_on_the_web_and_in_the_api(  # type: ignore[no-untyped-def]
    registered_copy, host_client
):
    copy, filing = registered_copy.copy, registered_copy.version.filing
    web = host_client("localhost")
    for sha, matched in ((copy.sha256, "public_snapshot"), (copy.pdf_sha256, "public_pdf")):
        result = web.post("/verify/", {"sha256": sha}).context["result"]
        assert (result.found, result.matched, result.version) == (True, matched, 1)
        answer = ApiClient(PUBLIC_HOST).get(f"/api/v1/register/verify?sha256={sha}").json()
        assert (answer["found"], answer["matched"], answer["version"]) == (True, matched, 1)
        assert answer["registration_number"] == filing.registration_number
        assert answer["entry"] == f"/register/{filing.pk}/v/1/"
    data = storage.absolute_path(copy.storage_path).read_bytes()
    upload = SimpleUploadedFile("public.pdf", data, content_type="application/pdf")
    response = web.post("/verify/", {"pdf": upload})
    assert response.context["result"].found and response.context["result"].registered
    assert "the public copy of this version (PDF file)" in response.content.decode()


def test_signatory_entry_shows_organisation_chapters_and_dates_not_the_signatory(  # type: ignore[no-untyped-def]
    cast, host_client
):
    with tenant_context(cast.org_a):
        services.cop_signature_set(
            actor=cast.alice,
            chapter="safety_security",
            status="signed",
            status_date="2025-07-30",
            signatory_name="Morgan Lee",
            signatory_authority="Chief Executive Officer",
            public_statement_url="https://acme.test/code-of-practice",
        )
        draft = filing_draft_create(actor=cast.alice, kind="cop_signatory_declaration")
        version = filing_draft_submit(actor=cast.alice, draft=draft, confirmed=True)
    filing_register(actor=cast.ai_office_lead, filing=version.filing)
    client = host_client("localhost")
    pages = [
        client.get(f"/register/{version.filing.pk}/").content.decode(),
        client.get("/signatories/").content.decode(),
    ]
    copy = PublicRendition.objects.get(version=version)
    assert public_rendition_run(rendition_id=copy.pk) == "ready"
    copy.refresh_from_db()
    pages.append(_pdf_text(storage.absolute_path(copy.storage_path).read_bytes()))
    for page in pages:
        assert "Morgan Lee" not in page and "Chief Executive Officer" not in page
        assert "Acme AI SE" in page
    entry, _signatories, pdf = pages
    assert "30 July 2025" in entry and "https://acme.test/code-of-practice" in entry
    assert "30 July 2025" in pdf
