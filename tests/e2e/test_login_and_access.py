"""The way in: an administrator reaches the dashboard, an outsider gets the 403 page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.e2e.browser import login


def test_admin_logs_in_on_the_organisation_host_and_sees_the_dashboard(page, portal_server, shots):  # type: ignore[no-untyped-def]
    page.goto(portal_server.url(org="acme"))
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to Acme AI SE")
    shots(page, "login")
    login(page, portal_server.url(org="acme"), "alice@acme.test", PASSWORD, next_path="/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.locator(".brand")).to_contain_text("Acme AI SE")
    expect(page.get_by_role("button", name="Log out alice@acme.test")).to_be_visible()
    shots(page, "dashboard")


def test_wrong_password_shows_the_error_next_to_the_form_and_keeps_the_email(
    page, portal_server, shots
):  # type: ignore[no-untyped-def]
    login(page, portal_server.url(org="acme"), "alice@acme.test", "not-the-password")
    expect(page.locator(".errorlist-box")).to_be_visible()
    expect(page.locator("input[name=username]")).to_have_value("alice@acme.test")
    shots(page, "error")


def test_outsider_gets_the_403_page(page, portal_server, shots):  # type: ignore[no-untyped-def]
    with page.expect_response(lambda r: r.status == 403):
        login(page, portal_server.url(org="acme"), "carol@nowhere.test", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You are not a member of this organisation"
    )
    shots(page, "403")
