"""A provider files a Section A registration in the browser and downloads its PDF.

The system is built through the services and committed (the gunicorn server and the Celery
worker are other processes); a real worker renders the PDF, and the page's htmx polling shows
queued → ready. Everything committed here is truncated afterwards.

All database work of this test runs on a thread of its own: the test's own connection sits in
pytest-django's transaction, whose uncommitted rows the server would not see and whose locks
would block the final TRUNCATE.
"""

from __future__ import annotations

import io
import re
import threading
import uuid
from collections.abc import Callable
from typing import Any

import pypdf
from django.db import connections
from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.e2e.browser import assert_accessible, login


def committed(fn: Callable[[], Any]) -> Any:
    """Run `fn` on a fresh connection in autocommit, and return its result."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            outcome["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _build_system(trade_name: str) -> int:
    from django_tenants.utils import tenant_context

    from tests.cast import Cast
    from tests.filing_flow.builders import complete_section_a_system

    cast = Cast.load()
    with tenant_context(cast.org_a):
        return complete_section_a_system(cast.alice, trade_name=trade_name).pk


def _clean() -> None:
    from django.db import connection

    from tests.committed import _truncate

    connection.set_schema_to_public()
    _truncate()


def test_provider_submits_a_section_a_filing_and_downloads_its_pdf(page, portal_server, shots):  # type: ignore[no-untyped-def]
    from tests.worker import celery_worker

    trade_name = f"HireRank {uuid.uuid4().hex[:6]}"
    committed(lambda: _build_system(trade_name))
    acme = portal_server.url(org="acme").rstrip("/")
    try:
        with celery_worker():
            login(page, acme, "alice@acme.test", PASSWORD)

            page.goto(f"{acme}/filings/new/")
            expect(page.get_by_role("heading", level=1)).to_have_text("New filing")
            assert_accessible(page)
            # Only the fields of the chosen kind show, changed in place (issue 15 item 13).
            expect(page.locator("#show-kind-fields")).to_be_hidden()
            page.get_by_label("Kind of filing").select_option("gpai_art52_notification")
            expect(page.get_by_label("AI system")).to_be_hidden()
            expect(page.get_by_label("GPAI model version")).to_be_visible()
            page.get_by_label("Kind of filing").select_option("annex_viii_a")
            expect(page.get_by_label("GPAI model version")).to_be_hidden()
            page.get_by_label("AI system").select_option(label=f"{trade_name} HR 3.0")
            shots(page, "new-filing")
            with page.expect_navigation():
                page.get_by_role("button", name="Create the draft").click()

            expect(page.get_by_text("Complete: every required item is given.")).to_be_visible()
            expect(page.locator("#item-A4")).to_contain_text(trade_name)
            shots(page, "draft-complete")
            assert_accessible(page)

            page.get_by_role("checkbox", name="I am authorised to file").check()
            with page.expect_navigation():
                page.get_by_role("button", name="Submit to the register").click()
            expect(page.locator(".message").first).to_contain_text("Version 1 filed as EU-AI-")
            number = re.search(r"EU-AI-\d{4}-\d{6}", page.locator(".message").first.inner_text())
            assert number is not None
            job = page.locator("#pdf-job-1")
            expect(job).to_be_visible()
            shots(page, "submitted")

            # htmx polls every 2 s until the job is final; then the fragment stops polling.
            expect(job).to_contain_text("PDF ready", timeout=60_000)
            expect(job).not_to_have_attribute("hx-trigger", re.compile("every"))
            shots(page, "pdf-ready")
            assert_accessible(page)

            with page.expect_download() as download_info:
                job.get_by_role("link", name="Download the PDF of version 1").click()
            download = download_info.value
            assert download.suggested_filename == f"{number.group(0)}-v1.pdf"
            data = open(download.path(), "rb").read()  # noqa: SIM115, PTH123 - Playwright's temp file
            reader = pypdf.PdfReader(io.BytesIO(data))
            text = "".join(p.extract_text() or "" for p in reader.pages)
            assert trade_name in text and number.group(0) in text

            page.goto(f"{acme}/filings/")
            expect(page.get_by_role("link", name=trade_name)).to_be_visible()
            shots(page, "filings-list")
    finally:
        committed(_clean)
