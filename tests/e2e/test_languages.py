"""The language switcher changes every visible string (scanned by tests/ui/scan.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.e2e.browser import login
from tests.ui.scan import assert_translated

HEADINGS = {
    "de": ("Übersicht", "Sprache wechseln"),
    "fr": ("Tableau de bord", "Changer de langue"),
}


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_switching_language_translates_the_dashboard(lang, page, portal_server, shots):  # type: ignore[no-untyped-def]
    login(page, portal_server.url(org="acme"), "alice@acme.test", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    english = page.content()
    page.select_option("#language-select", lang)
    with page.expect_navigation():
        page.get_by_role("button", name="Change language").click()
    heading, button = HEADINGS[lang]
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("button", name=button)).to_be_visible()
    shots(page, f"dashboard-{lang}")
    assert_translated(page.content(), english, lang, allowed={"Acme AI SE", "alice@acme.test"})

    # The choice sticks for the next page on this host.
    page.goto(portal_server.url("/accounts/login/", org="acme"))
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_public_home_switches_to_german_and_back(page, portal_server, shots):  # type: ignore[no-untyped-def]
    page.goto(portal_server.url())
    english = page.content()
    page.select_option("#language-select", "de")
    with page.expect_navigation():
        page.get_by_role("button", name="Change language").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Registrierungsportal zur KI-Verordnung"
    )
    assert_translated(page.content(), english, "de")
    shots(page, "home-de")
    page.select_option("#language-select", "en")
    with page.expect_navigation():
        page.get_by_role("button", name="Sprache wechseln").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("AI Act registration portal")
