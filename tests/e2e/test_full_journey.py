"""The whole journey in the browser, one person after another, nothing built behind the scenes.

alice (administrator of acme) classifies a high-risk Annex III system in the wizard, completes
its Annex VIII items, uploads and links the EU declaration of conformity (A11) and the
instructions for use (A12), adds a risk record and files Section A; a real Celery worker renders
the PDF. The DE reviewer requests a change on a field in the console; alice sees the comment
next to that field, corrects the system and files version 2. A lead of the DE authority
registers it, and an anonymous visitor finds it in the public register, sees both versions and
downloads the public copy of the registered version (the worker renders it once registered).

Only the lead's account is made through a service (nobody signs up as a regulator); everything
the journey commits is truncated at the end (tests/e2e/test_provider_filing.py explains why all
database work runs on a thread of its own).
"""

from __future__ import annotations

import io
import re
import time
import uuid

import pypdf
from playwright.sync_api import Page, expect

from registry.workspace.demo_files import minimal_pdf
from tests.cast import PASSWORD
from tests.e2e.browser import assert_accessible, login
from tests.e2e.test_provider_filing import _clean, committed

LEAD = "lead-e2e@msa.test"
REFERENCE = "HR 3.0"
PDF_TIMEOUT = 90_000  # a loaded 2-core machine renders WeasyPrint slowly
SLOW = 30_000


def _lead() -> None:
    from tests.web_public.helpers import lead_for

    lead_for(email=LEAD)


def _state(registration_number: str) -> tuple[str, int | None, int]:
    from registry.register.models import Filing

    filing = Filing.objects.get(registration_number=registration_number)
    return filing.status, filing.registered_version_number, filing.versions.count()


def _public_copy_state(registration_number: str) -> str:
    from registry.register.models import PublicRendition

    copy = PublicRendition.objects.filter(
        version__filing__registration_number=registration_number, version__number=2
    ).first()
    return copy.state if copy is not None else ""


def _save(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()


def _upload(page: Page, tmp_path, filename: str, title: str, *lines: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / filename
    path.write_bytes(minimal_pdf(*lines))
    page.get_by_role("button", name="Upload evidence").click()
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Upload", exact=True).click()
    page.wait_for_url(re.compile(r"/evidence/$"), timeout=SLOW)
    expect(page.locator("main")).to_contain_text(title)


def _wizard(page: Page, acme: str, name: str, shots) -> str:  # type: ignore[no-untyped-def]
    """Step by step through the classification wizard; returns the new system's page."""
    page.goto(f"{acme}/systems/new/")
    result = page.locator("#classification-result")
    expect(result).to_contain_text("Choose your role")
    assert_accessible(page)
    page.get_by_label("Trade name of the AI system").fill(name)
    page.get_by_label("Your role for this system").select_option("provider")
    expect(result).to_contain_text("Minimal risk")
    page.get_by_label("Your organisation is established in the EU").check()
    page.get_by_label("The provider is established in the EU").check()
    for _ in range(4):
        page.locator("button[name=action][value=next]").click()
    expect(page.locator("legend")).to_contain_text("High-risk use cases")
    page.get_by_label("Annex III use case").select_option("4(a)")
    expect(result).to_contain_text("High-risk (Art 6)")
    expect(result).to_contain_text("Section A")
    shots(page, "wizard-high-risk")
    assert_accessible(page)
    page.locator("button[name=action][value=next]").click()
    page.locator("button[name=action][value=next]").click()
    expect(page.locator("legend")).to_contain_text("Dates")
    with page.expect_navigation():
        page.locator("button[name=action][value=save]").click()
    expect(page.locator("h1")).to_contain_text(name)
    expect(page.locator("main")).to_contain_text("Art 6(2), Annex III 4(a)")
    shots(page, "system-created")
    assert_accessible(page)
    return page.url


def _complete(page: Page, detail_url: str, name: str, tmp_path, shots) -> None:  # type: ignore[no-untyped-def]
    """Evidence first (the edit form links files the organisation holds), then Annex VIII."""
    _upload(page, tmp_path, "declaration.pdf", f"Declaration {name}", "EU declaration", name)
    page.goto(detail_url)
    _upload(page, tmp_path, "instructions.pdf", f"Instructions {name}", "Instructions", name)
    shots(page, "evidence-uploaded")
    assert_accessible(page)

    page.goto(detail_url)
    page.get_by_role("button", name="Edit Annex VIII details").click()
    page.get_by_role("link", name="Edit every item on one page").click()
    page.locator("#id_provider_name").fill("Acme Recruiting Technologies GmbH")
    page.locator("#id_provider_address").fill("Friedrichstraße 1, 10117 Berlin")
    page.locator("#id_provider_contact_details").fill("compliance@acme.test")
    page.locator("#id_system_reference").fill(REFERENCE)
    page.locator("#id_intended_purpose").fill("Ranks job applications for recruiters.")
    page.locator("#id_components_and_functions").fill("CV parser, matcher, ranking.")
    page.locator("#id_data_and_logic_description").fill("Gradient-boosted ranking.")
    page.locator("#id_status").select_option("on_market")
    page.get_by_label("Germany").check()
    page.locator("#id_declaration_of_conformity").select_option(
        label=f"Declaration {name} (declaration.pdf)"
    )
    page.locator("#id_instructions_for_use").select_option(
        label=f"Instructions {name} (instructions.pdf)"
    )
    page.locator("#id_conformity_assessment_route").select_option("annex_vi_internal_control")
    page.locator("#id_provider_established_in_eu").select_option("true")
    shots(page, "annex-viii-form")
    assert_accessible(page)
    _save(page)
    expect(page.locator("main")).to_contain_text("The AI system was saved.")
    expect(page.locator("main")).to_contain_text(f"Declaration {name}")
    expect(page.locator("main")).to_contain_text(f"Instructions {name}")

    page.get_by_role("button", name="Add a risk record").click()
    page.get_by_label("Hazard").fill("Ranking drifts against older applicants")
    page.get_by_label("Likelihood").select_option("possible")
    page.get_by_label("Severity").select_option("major")
    page.get_by_label("Residual risk").select_option("low")
    page.get_by_role("button", name="Save the risk record").click()
    expect(page.locator("main")).to_contain_text("Ranking drifts against older applicants")
    page.goto(detail_url)
    shots(page, "system-complete")
    assert_accessible(page)


def _submit(page: Page, version: int) -> str:
    """Submit the open draft page; wait for the worker's PDF. Returns the registration number."""
    button = "Submit to the register" if version == 1 else "Submit a new version"
    page.get_by_role("checkbox", name="I am authorised to file").check()
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    message = page.locator(".message").first
    expect(message).to_contain_text(f"Version {version} filed as EU-AI-", timeout=SLOW)
    number = re.search(r"EU-AI-\d{4}-\d{6}", message.inner_text())
    assert number is not None
    job = page.locator(f"#pdf-job-{version}")
    expect(job).to_contain_text("PDF ready", timeout=PDF_TIMEOUT)
    return number.group(0)


def test_full_journey_from_wizard_to_public_register(browser, page, portal_server, shots, tmp_path):  # type: ignore[no-untyped-def]
    from tests.worker import celery_worker

    name = f"JourneyRank {uuid.uuid4().hex[:8]}"
    subject = f"{name} {REFERENCE}"
    acme = portal_server.url(org="acme").rstrip("/")
    site = portal_server.url().rstrip("/")
    committed(_lead)
    contexts = []

    def new_page() -> Page:
        context = browser.new_context(
            locale="en-GB", viewport={"width": 1280, "height": 900}, color_scheme="light"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    try:
        with celery_worker():
            # 1. alice registers, completes and files the system.
            page.set_default_timeout(15_000)
            login(page, acme, "alice@acme.test", PASSWORD)
            detail_url = _wizard(page, acme, name, shots)
            _complete(page, detail_url, name, tmp_path, shots)

            page.goto(f"{acme}/filings/new/")
            expect(page.get_by_role("heading", level=1)).to_have_text("New filing")
            page.get_by_label("Kind of filing").select_option("annex_viii_a")
            page.get_by_label("AI system").select_option(label=subject)
            shots(page, "new-filing")
            assert_accessible(page)
            with page.expect_navigation():
                page.get_by_role("button", name="Create the draft").click()
            expect(page.get_by_text("Complete: every required item is given.")).to_be_visible()
            expect(page.locator("#item-A4")).to_contain_text(name)
            expect(page.locator("#item-A11")).to_contain_text("declaration.pdf (SHA-256")
            expect(page.locator("#item-A12")).to_contain_text("instructions.pdf (SHA-256")
            shots(page, "draft-complete")
            assert_accessible(page)
            draft_url = page.url
            number = _submit(page, 1)
            shots(page, "version-1-pdf-ready")
            assert_accessible(page)
            assert committed(lambda: _state(number)) == ("submitted", None, 1)

            # 2. The DE reviewer requests a change on the intended purpose.
            reviewer = new_page()
            login(reviewer, site, "regulator@msa.test", PASSWORD)
            reviewer.goto(f"{site}/regulator/")
            row = reviewer.locator("tr", has_text=number)
            expect(row).to_be_visible()
            shots(reviewer, "regulator-queue")
            assert_accessible(reviewer)
            with reviewer.expect_navigation():
                row.get_by_role("link").first.click()
            expect(reviewer.get_by_role("heading", level=1)).to_have_text(f"Filing {number}")
            assert_accessible(reviewer)
            reviewer.get_by_text("Request changes", exact=True).first.click()
            form = reviewer.locator("form[action$='/request-changes/']")
            form.get_by_label("Field", exact=True).select_option("intended_purpose")
            form.get_by_label("What must change in that field").fill(
                "Name the groups of applicants it ranks."
            )
            with reviewer.expect_navigation():
                form.get_by_role("button", name="Request changes").click()
            expect(reviewer.locator("#messages")).to_contain_text("Changes requested")
            shots(reviewer, "changes-requested")
            assert committed(lambda: _state(number)) == ("changes_requested", None, 1)

            # 3. alice reads the comment next to the field, corrects it and files version 2.
            page.goto(draft_url)
            field = page.locator("#field-intended_purpose + dd")
            expect(field.locator(".review-comment")).to_contain_text(
                "Name the groups of applicants it ranks."
            )
            expect(page.locator("#comments-heading")).to_contain_text("(1)")
            shots(page, "comment-next-to-field")
            assert_accessible(page)
            page.goto(detail_url)
            page.get_by_role("button", name="Edit Annex VIII details").click()
            page.get_by_role("link", name="Edit every item on one page").click()
            page.locator("#id_intended_purpose").fill(
                "Ranks job applications of graduates and experienced applicants for recruiters."
            )
            _save(page)
            expect(page.locator("main")).to_contain_text("The AI system was saved.")
            page.goto(draft_url)
            expect(page.locator("#field-intended_purpose + dd")).to_contain_text(
                "graduates and experienced applicants"
            )
            assert _submit(page, 2) == number
            shots(page, "version-2-pdf-ready")
            assert committed(lambda: _state(number)) == ("submitted", None, 2)

            # 4. A lead of the DE authority registers version 2.
            lead = new_page()
            login(lead, site, LEAD, PASSWORD)
            lead.goto(f"{site}/regulator/")
            with lead.expect_navigation():
                lead.locator("tr", has_text=number).get_by_role("link").first.click()
            expect(lead.get_by_role("heading", level=1)).to_have_text(f"Filing {number}")
            with lead.expect_navigation():
                lead.get_by_role("button", name="Register version 2").click()
            with lead.expect_navigation():
                lead.get_by_role("button", name="Yes, register version 2").click()
            expect(lead.locator("#messages")).to_contain_text("Registered.")
            shots(lead, "registered")
            assert_accessible(lead)
            assert committed(lambda: _state(number)) == ("registered", 2, 2)
            deadline = time.monotonic() + PDF_TIMEOUT / 1000
            while committed(lambda: _public_copy_state(number)) != "ready":
                assert time.monotonic() < deadline, "the worker did not render the public copy"
                time.sleep(0.5)

        # 5. An anonymous visitor finds it, sees both versions and downloads version 2.
        visitor = new_page()
        visitor.goto(f"{site}/register/")
        visitor.get_by_role("textbox", name="Search").fill(name)
        with visitor.expect_navigation():
            visitor.get_by_role("button", name="Search", exact=True).click()
        shots(visitor, "public-register")
        assert_accessible(visitor)
        with visitor.expect_navigation():
            visitor.get_by_role("link", name=subject).click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(subject)
        expect(visitor.locator("main")).to_contain_text(f"Registration {number}")
        history = visitor.locator("section[aria-labelledby='history-heading']")
        # Version 1 had changes requested: only registered versions are public (Art 71(4)).
        expect(history.get_by_role("link", name="Version 1", exact=True)).to_have_count(0)
        expect(history.get_by_role("link", name="Version 2", exact=True)).to_be_visible()
        shots(visitor, "public-entry")
        assert_accessible(visitor)
        with visitor.expect_download() as download_info:
            visitor.get_by_role("link", name="Download the PDF of version 2").first.click()
        data = open(download_info.value.path(), "rb").read()  # noqa: SIM115, PTH123 - Playwright's temp file
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = "".join(p.extract_text() or "" for p in reader.pages)
        assert name in text and number in text
        assert "Public copy" in text and "Risk management summary" not in text
    finally:
        for context in contexts:
            context.close()
        committed(_clean)
