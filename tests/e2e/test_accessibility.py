"""axe-core on every main page (tests/ui/pages.py), at 1280 and at 390 px: no serious or
critical violation."""

from __future__ import annotations

import pytest

from tests.e2e.browser import assert_accessible
from tests.ui.pages import MAIN_PAGES, page_named

# Both widths in one pass over the opened page (issue 15): a phone's layout (the header's menu,
# tables that scroll in their box) is checked as well as a laptop's, for one more axe run.
WIDTHS = ({"width": 1280, "height": 900}, {"width": 390, "height": 844})


@pytest.mark.parametrize("main_page", [p for p in MAIN_PAGES if p.axe], ids=lambda p: p.name)
def test_main_page_has_no_serious_accessibility_violation_at_1280_and_390_px(
    main_page, open_main_page, shots
):  # type: ignore[no-untyped-def]
    page = open_main_page(main_page)
    for viewport in WIDTHS:
        page.set_viewport_size(viewport)
        shots(page, f"{main_page.name}-{viewport['width']}px")
        assert_accessible(page)


@pytest.mark.parametrize("name", ["login-failed", "dashboard"])
def test_dark_colour_scheme_has_no_serious_accessibility_violation(
    name, browser, portal_server, shots
):  # type: ignore[no-untyped-def]
    from tests.cast import PASSWORD
    from tests.e2e.browser import login

    context = browser.new_context(locale="en-GB", color_scheme="dark")
    try:
        page = context.new_page()
        if name == "dashboard":
            login(page, portal_server.url(org="acme"), "alice@acme.test", PASSWORD)
        else:
            main_page = page_named(name)
            login(
                page,
                portal_server.url(org="acme"),
                **{"email": main_page.post["username"], "password": main_page.post["password"]},
            )
        shots(page, f"{name}-dark")
        assert_accessible(page)
    finally:
        context.close()


def test_the_axe_check_fails_on_a_serious_violation(page):  # type: ignore[no-untyped-def]
    page.set_content("<html lang='en'><title>t</title><main><img src='x.png'></main></html>")
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
