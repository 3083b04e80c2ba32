"""Keyboard: from the top of the login page, Tab reaches the skip link first, then the header, then
the form's fields in order, each with a visible focus ring."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.browser import focused


def _assert_focus_visible(state: dict) -> None:
    assert state["visible"], state
    assert state["outlineStyle"] != "none" and state["outlineWidth"] >= 2, state


def test_tab_order_on_the_login_page(page, portal_server, shots):  # type: ignore[no-untyped-def]
    page.goto(portal_server.url("/accounts/login/", org="acme"))
    page.keyboard.press("Tab")
    first = focused(page)
    assert first is not None and "skip-link" in first["cls"], first
    _assert_focus_visible(first)
    shots(page, "skip-link")

    order: list[dict] = []
    for _ in range(15):
        page.keyboard.press("Tab")
        state = focused(page)
        assert state is not None
        _assert_focus_visible(state)
        order.append(state)
        if state["tag"] == "button" and state["name"] is None and state["text"] == "Log in":
            break
    names = [s["name"] for s in order if s["name"]]
    assert names.index("language") < names.index("username") < names.index("password"), order
    assert order[-1]["text"] == "Log in" and order[-1]["tag"] == "button", order
    shots(page, "submit-focused")


def test_skip_link_moves_focus_to_the_main_content(page, portal_server):  # type: ignore[no-untyped-def]
    page.goto(portal_server.url("/accounts/login/"))
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(portal_server.url("/accounts/login/#main"))
    page.keyboard.press("Tab")
    state = focused(page)
    assert state is not None and state["name"] == "username", state
