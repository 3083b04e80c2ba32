"""Browser tests: the portal under gunicorn (tests/e2e/server.py), driven by Playwright in Debian's
Chromium (/usr/bin/chromium, headless). `make test` installs Chromium when it is missing; without
it these tests fail rather than skip, unless PORTAL_SKIP_BROWSER_TESTS=1 says so on purpose.

Fixtures: `portal_server` (session), `browser` (session), `page` (a fresh browser context per
test, English, 1280x900), `shots` (numbered screenshots under test-artefacts/<test>/), and
`open_main_page` (opens an entry of tests/ui/pages.py as the right person).
Helpers in tests/e2e/browser.py: login(), assert_accessible(), focused().
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cast import PASSWORD
from tests.e2e.browser import ARTEFACTS, CHROMIUM, CHROMIUM_ARGS, Screenshots, login
from tests.e2e.server import PortalServer, start_server
from tests.e2e.smtp import SmtpSink
from tests.ui.pages import MEMBER, ORG, OUTSIDER, REGULATOR, MainPage

E2E_DIR = Path(__file__).resolve().parent
ORG_SLUG = "acme"  # org_a of tests/cast.py; alice is its administrator
PEOPLE = {
    MEMBER: "alice@acme.test",
    OUTSIDER: "carol@nowhere.test",
    REGULATOR: "regulator@msa.test",
}
SKIP_ENV = "PORTAL_SKIP_BROWSER_TESTS"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: a browser test (Playwright + Debian's Chromium)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Browser tests run last: they are the slowest, and the rows they commit through the server
    # (sessions, audit events of logins) then cannot meet a test that counts rows.
    e2e = [item for item in items if E2E_DIR in Path(str(item.fspath)).parents]
    if not e2e:
        return
    rest = [item for item in items if item not in e2e]
    items[:] = rest + e2e
    skip = os.environ.get(SKIP_ENV) == "1"
    for item in e2e:
        item.add_marker(pytest.mark.e2e)
        # pytest-django creates the test database only when a collected test asks for it; the
        # server needs it. The test's own transaction sees what the server commits.
        item.add_marker(pytest.mark.django_db)
        if skip:
            item.add_marker(pytest.mark.skip(reason=f"{SKIP_ENV}=1: browser tests skipped"))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def smtp_sink() -> Iterator[SmtpSink]:
    """The server's mail goes to a real SMTP server on loopback (tests/e2e/smtp.py)."""
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def portal_server(django_db_setup, django_db_blocker, smtp_sink) -> Iterator[PortalServer]:  # type: ignore[no-untyped-def]
    from django.db import connection

    # django_db_setup created the test database and committed the cast; the server reads it.
    server = start_server(
        connection.settings_dict["NAME"], ARTEFACTS / "e2e-server.log", smtp_sink.env
    )
    yield server
    server.stop()
    with django_db_blocker.unblock():
        _close_other_connections(connection)


def _close_other_connections(connection) -> None:  # type: ignore[no-untyped-def]
    """The test database is dropped at the end, and PostgreSQL refuses while anyone is connected.
    Left over by then: gunicorn's connections while it exits, and the test process's own second
    connection (Django keeps connections per context, and Playwright's greenlets switch it)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "select pg_terminate_backend(pid) from pg_stat_activity"
            " where datname = current_database() and pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def browser(portal_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing. `make test` installs it as root (apt-get install chromium); "
            f"otherwise install Debian's chromium, point PORTAL_CHROMIUM at a Chromium, or set "
            f"{SKIP_ENV}=1 to skip the browser tests on purpose.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread, and Django refuses ORM calls
    # when it sees one. The browser tests run last (see above) and use the ORM only to check
    # what the server wrote, never concurrently with it, so the guard is lifted while they run.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, chromium_sandbox=False
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, portal_server, request) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, color_scheme="light"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Every page runs under the Content-Security-Policy (issue 14 item 8): Chromium reports each
    # thing the policy blocked on the console, and a browser test with one fails.
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    if request.node.stash.get(_FAILED, False):
        try:
            Screenshots(request.node.name)(page, "failure")
        except Exception:  # noqa: BLE001, S110 - a failed screenshot must not hide the failure
            pass
    context.close()
    assert blocked == [], f"blocked by the Content-Security-Policy: {blocked}"


@pytest.fixture
def shots(request) -> Screenshots:  # type: ignore[no-untyped-def]
    return Screenshots(request.node.name)


@pytest.fixture
def open_main_page(page, portal_server) -> Callable[[MainPage], object]:  # type: ignore[no-untyped-def]
    """Open a page of tests/ui/pages.py in the browser as its person, posting its form if any."""

    def open_(main_page: MainPage):  # type: ignore[no-untyped-def]
        host_url = portal_server.url(org=ORG_SLUG if main_page.host == ORG else None)
        if main_page.as_user:
            login(page, host_url, PEOPLE[main_page.as_user], PASSWORD)
        response = page.goto(host_url.rstrip("/") + main_page.path)
        if main_page.post is not None:
            form = page.locator("main form")
            for name, value in main_page.post.items():
                form.locator(f"[name={name}]").fill(value)
            with page.expect_navigation():
                form.locator("button[type=submit]").click()
            return page
        assert response is not None and response.status == main_page.status, (
            main_page,
            response and response.status,
        )
        return page

    return open_
