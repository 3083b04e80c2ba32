"""A regulator reviews in the console, a lead registers, the public finds, downloads and verifies.

The filing is committed through the register's services (the gunicorn server is another
process); the provider's resubmission is a service call too, and the PDF is rendered by calling
the PDF job directly (no worker here). All database work runs on a thread of its own, whose
connection commits (tests/e2e/test_provider_filing.py explains why); everything the register
holds afterwards is truncated.
"""

from __future__ import annotations

import hashlib
import uuid

from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.e2e.browser import assert_accessible, login
from tests.e2e.test_provider_filing import _clean, committed

LEAD = "lead-e2e@msa.test"


def _file(subject_id: str, name: str) -> str:
    from registry.register.services.submit import filing_version_submit
    from tests.cast import Cast
    from tests.register.factories import submission

    cast = Cast.load()
    version = filing_version_submit(
        actor=cast.owner_a,
        submission=submission(
            cast.org_a,
            subject_id=subject_id,
            subject={"type": "ai_system", "id": subject_id, "name": name},
        ),
    )
    return str(version.filing.pk)


def _lead() -> None:
    from tests.web_public.helpers import lead_for

    lead_for(email=LEAD)


def _render_pdfs(filing_id: str) -> str:
    """Render the filing's PDFs and the registered version's public copy; returns the SHA-256 of
    the public copy's PDF, the one the public downloads."""
    from registry.register.models import PdfJob, PublicRendition
    from registry.register.services.pdf_jobs import pdf_job_run, public_rendition_run

    for job in PdfJob.objects.filter(version__filing_id=filing_id):
        pdf_job_run(job_id=job.pk)
    copy = PublicRendition.objects.get(version__filing_id=filing_id, version__number=2)
    public_rendition_run(rendition_id=copy.pk)
    copy.refresh_from_db()
    return copy.pdf_sha256


def _state(filing_id: str) -> tuple[str, int | None]:
    from registry.register.models import Filing

    filing = Filing.objects.get(pk=filing_id)
    return filing.status, filing.registered_version_number


def test_review_register_and_public_verification(browser, page, portal_server, shots, tmp_path):  # type: ignore[no-untyped-def]
    suffix = uuid.uuid4().hex[:6]
    name, subject_id = f"HireRank {suffix}", f"e2e-{suffix}"
    site = portal_server.url().rstrip("/")
    committed(_lead)
    filing_id = committed(lambda: _file(subject_id, name))
    try:
        # The DE reviewer requests changes on a field from the console.
        login(page, site, "regulator@msa.test", PASSWORD)
        page.goto(f"{site}/regulator/")
        shots(page, "regulator-queue")
        assert_accessible(page)
        # The queue lists the new filing; open it from there.
        row = page.locator("tr", has_text=name)
        with page.expect_navigation():
            row.get_by_role("link").first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Filing EU-AI-")
        shots(page, "regulator-filing")
        assert_accessible(page)
        page.get_by_text("Request changes", exact=True).first.click()  # opens the details
        form = page.locator("form[action$='/request-changes/']")
        form.get_by_label("Field", exact=True).select_option("trade_name")
        form.get_by_label("What must change in that field").fill("Add the version to the name.")
        with page.expect_navigation():
            form.get_by_role("button", name="Request changes").click()
        expect(page.locator("#messages")).to_contain_text("Changes requested")
        expect(page.locator(".field-comments").first).to_contain_text("Add the version")
        shots(page, "changes-requested")
        assert committed(lambda: _state(filing_id)) == ("changes_requested", None)

        page.goto(f"{site}/regulator/dashboard/")
        expect(page.locator("svg.chart").first).to_be_visible()
        shots(page, "regulator-dashboard")
        assert_accessible(page)

        # The provider files version 2 (a service call, as its API would).
        committed(lambda: _file(subject_id, name))

        # A lead registers it in the console.
        lead_context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        lead_page = lead_context.new_page()
        login(lead_page, site, LEAD, PASSWORD)
        lead_page.goto(f"{site}/regulator/filings/{filing_id}/")
        with lead_page.expect_navigation():
            lead_page.get_by_role("button", name="Register version 2").click()
        with lead_page.expect_navigation():
            lead_page.get_by_role("button", name="Yes, register version 2").click()
        expect(lead_page.locator("#messages")).to_contain_text("Registered.")
        shots(lead_page, "registered")
        lead_context.close()
        assert committed(lambda: _state(filing_id)) == ("registered", 2)
        pdf_sha = committed(lambda: _render_pdfs(filing_id))

        # An anonymous visitor finds it, sees both versions, downloads and verifies the PDF.
        public = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        visitor = public.new_page()
        visitor.goto(f"{site}/register/")
        visitor.get_by_role("textbox", name="Search").fill(name)
        with visitor.expect_navigation():
            visitor.get_by_role("button", name="Search", exact=True).click()
        shots(visitor, "public-register")
        assert_accessible(visitor)
        with visitor.expect_navigation():
            visitor.get_by_role("link", name=name).click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(name)
        history = visitor.locator("section[aria-labelledby='history-heading']")
        # Version 1 had changes requested: only registered versions are public (Art 71(4)).
        expect(history.get_by_role("link", name="Version 1", exact=True)).to_have_count(0)
        expect(history.get_by_role("link", name="Version 2", exact=True)).to_be_visible()
        shots(visitor, "public-entry")
        assert_accessible(visitor)
        with visitor.expect_download() as download_info:
            visitor.get_by_role("link", name="Download the PDF of version 2").click()
        path = tmp_path / "filing.pdf"
        download_info.value.save_as(path)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == pdf_sha

        visitor.goto(f"{site}/verify/")
        visitor.get_by_label("Filing PDF").set_input_files(str(path))
        with visitor.expect_navigation():
            visitor.get_by_role("button", name="Verify").click()
        result = visitor.locator("#result")
        expect(result).to_contain_text("This matches a filed version")
        expect(result).to_contain_text("No, this is the latest version.")
        shots(visitor, "verified")
        assert_accessible(visitor)
        public.close()
    finally:
        committed(_clean)
