"""No page scrolls sideways on a phone (390 px) or a laptop (1280 px), and on a phone the header
leaves the screen to the page: every main page of tests/ui/pages.py, plus a filing draft.

The pages show data that tends to be wide: a system, its draft filing, a filing in review and a
registered one (hashes, registration numbers, tables), a Code of Practice chapter with a long
public-statement URL. They are committed once for the module (the server is another process) and
truncated afterwards. Each person logs in once per host; a page is measured at both widths.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.cast import PASSWORD
from tests.e2e.browser import ARTEFACTS, Screenshots, assert_accessible, login
from tests.e2e.conftest import ORG_SLUG, PEOPLE
from tests.e2e.test_provider_filing import _clean, committed
from tests.ui.pages import MAIN_PAGES, MEMBER, ORG, MainPage
from tests.web_public.main_page_data import SamplePath

PHONE, LAPTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}
# A phone's header may take a third of its screen at most; the menu opens on demand.
PHONE_HEADER_MAX = 844 // 3
# No hyphen in it: a browser may break a line after a hyphen, never inside this.
LONG_URL = "https://helios.example/compliance/" + "CodeOfPracticeStatement2026" * 6 + ".pdf"
# Looked at by eye after a layout change: test-artefacts/test_page_width/.
SCREENSHOTS = {"dashboard", "filing-draft", "register-entry", "code-of-practice"}
DRAFT = MainPage("filing-draft", ORG, "/filings/{draft}/", as_user=MEMBER)

MEASURE_JS = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  header: Math.round(document.querySelector('.site-header').getBoundingClientRect().height),
  widest: [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(-3).map(el => el.outerHTML.slice(0, 160)),
})"""


def _samples() -> dict[str, Any]:
    from django_tenants.utils import tenant_context

    from registry.workspace.services.cop import cop_signature_set
    from registry.workspace.services.drafts import filing_draft_create
    from tests.cast import Cast
    from tests.filing_flow.builders import complete_section_a_system

    cast = Cast.load()
    with tenant_context(cast.org_a):
        system = complete_section_a_system(cast.alice, trade_name="HireRank Width")
        draft = filing_draft_create(actor=cast.alice, kind="annex_viii_a", system_id=system.pk)
        cop_signature_set(
            actor=cast.alice,
            chapter="transparency",
            status="signed",
            status_date=datetime.date(2026, 1, 15),
            signatory_name="Alice Admin",
            signatory_authority="Managing director",
            public_statement_url=LONG_URL,
        )
    return {
        "system": system.pk,
        "draft": draft.pk,
        "evidence": system.declaration_of_conformity_id,
    }


@pytest.fixture(scope="module")
def samples(portal_server, django_db_blocker) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        made = committed(_samples)
        try:
            yield made
        finally:
            committed(_clean)


@pytest.fixture(scope="module")
def opened(browser, portal_server, samples) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """Open a main page as its person, in a context that person logged in to once."""
    contexts: dict[tuple[str | None, str], Any] = {}

    def open_(main_page: MainPage):  # type: ignore[no-untyped-def]
        host_url = portal_server.url(org=ORG_SLUG if main_page.host == ORG else None)
        key = (main_page.as_user, main_page.host)
        if key not in contexts:
            context = browser.new_context(locale="en-GB", viewport=LAPTOP, color_scheme="light")
            context.set_default_timeout(10_000)
            page = context.new_page()
            if main_page.as_user:
                login(page, host_url, PEOPLE[main_page.as_user], PASSWORD)
            contexts[key] = page
        page = contexts[key]
        page.set_viewport_size(LAPTOP)
        path = main_page.path
        if isinstance(path, SamplePath):
            path = committed(lambda: str(main_page.path))
        response = page.goto(host_url.rstrip("/") + path.format(**samples))
        if main_page.post is not None:
            form = page.locator("main form")
            for name, value in main_page.post.items():
                form.locator(f"[name={name}]").fill(value)
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
        else:
            assert response is not None and response.status == main_page.status, main_page
        return page

    yield open_
    for page in contexts.values():
        page.context.close()


# Pages whose axe check (tests/e2e/test_accessibility.py) needs this module's sample data.
AXE_HERE = {"evidence-detail"}
# tools/screenshots.py sets this: every page at both widths into test-artefacts/screenshots/.
ALL_SCREENSHOTS = os.environ.get("PORTAL_SCREENSHOTS") == "1"


def _screenshot(page: Any, name: str, width: int) -> None:
    folder = ARTEFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("main_page", [*MAIN_PAGES, DRAFT], ids=lambda p: p.name)
def test_page_fits_the_screen_at_390_and_1280_px(main_page, opened):  # type: ignore[no-untyped-def]
    page = opened(main_page)
    shots = Screenshots(f"test_page_width/{main_page.name}")
    for viewport in (LAPTOP, PHONE):
        page.set_viewport_size(viewport)
        measured = page.evaluate(MEASURE_JS)
        if main_page.name in SCREENSHOTS:
            shots(page, f"{viewport['width']}px")
        if ALL_SCREENSHOTS:
            _screenshot(page, main_page.name, viewport["width"])
        if main_page.name in AXE_HERE:
            assert_accessible(page)
        assert measured["scrollWidth"] <= measured["innerWidth"], (viewport, measured)
    assert measured["header"] <= PHONE_HEADER_MAX, measured


def test_the_phone_menu_opens_without_javascript_and_fits(browser, portal_server, samples):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="en-GB", viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        acme = portal_server.url(org=ORG_SLUG)
        login(page, acme, PEOPLE[MEMBER], PASSWORD)
        page.goto(acme)
        logout = page.get_by_role("button", name="Log out alice@acme.test")
        assert not logout.is_visible()
        page.locator(".site-menu > summary").click()
        assert logout.is_visible()
        Screenshots("test_page_width/menu")(page, "390px-open")
        measured = page.evaluate(MEASURE_JS)
        assert measured["scrollWidth"] <= measured["innerWidth"], measured
    finally:
        context.close()


def test_width_check_fails_on_a_page_wider_than_the_screen(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.set_content(
            "<header class='site-header'></header><main><p>" + LONG_URL * 2 + "</p></main>"
        )
        measured = page.evaluate(MEASURE_JS)
        assert measured["scrollWidth"] > measured["innerWidth"]
    finally:
        context.close()
