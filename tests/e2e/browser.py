"""Helpers for browser tests: Chromium from Debian, logging in, screenshots, axe-core.

login(page, server.url(org="acme"), "alice@acme.test", PASSWORD)
shots(page, "dashboard")          # test-artefacts/<test>/01-dashboard.png
assert_accessible(page)           # axe-core: no serious or critical violation
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

BASE_DIR = Path(__file__).resolve().parents[2]
ARTEFACTS = Path(os.environ.get("PORTAL_TEST_ARTEFACTS", BASE_DIR / "test-artefacts"))
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps calling Google's hosts, which this
# machine's closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
BLOCKING_IMPACTS = ("serious", "critical")


def login(page: Page, host_url: str, email: str, password: str, *, next_path: str = "") -> None:
    """Log in through the form on host_url (e.g. server.url(org="acme")); language-independent.
    When the portal asks for the second factor, enter the code of the person's authenticator
    (tests/two_factor.py), as the person would."""
    query = f"?next={next_path}" if next_path else ""
    page.goto(f"{host_url.rstrip('/')}/accounts/login/{query}")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    if urlsplit(page.url).path == TWO_FACTOR_PATH:
        from portal.accounts.models import User
        from tests.two_factor import next_code

        enter_code(page, next_code(User.objects.get(email=email)))


TWO_FACTOR_PATH = "/accounts/two-factor/"


def enter_code(page: Page, code: str) -> None:
    """Answer the second step of logging in (an authenticator code or a recovery code)."""
    form = page.locator("main form")
    form.locator("input[name=token]").fill(code)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


class Screenshots:
    """Numbered full-page PNGs under test-artefacts/<test name>/, one per step."""

    def __init__(self, test_name: str) -> None:
        safe = re.sub(r"[^\w.-]+", "_", test_name).strip("_")
        self.folder = ARTEFACTS / safe
        self.count = 0

    def __call__(self, page: Page, step: str) -> Path:
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^\w.-]+", "_", step)
        path = self.folder / f"{self.count:02d}-{slug}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core (all rules it runs by default: WCAG 2.x A/AA and best practices)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does
        # not govern; a <script> tag added to the page would be refused (script-src 'self').
        page.evaluate(AXE_JS.read_text() + "\n;undefined")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def format_violations(violations: list[dict], url: str) -> str:
    lines = [f"axe-core found {len(violations)} violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " / ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail on any serious or critical axe-core violation; print all of them readably."""
    violations = axe_violations(page)
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    minor = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
    if minor:
        print(format_violations(minor, page.url) + "\n(minor or moderate: reported, not failed)")
    assert not blocking, format_violations(blocking, page.url)


FOCUS_STYLE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), name: el.getAttribute('name'), cls: el.className,
    text: (el.innerText || el.value || '').trim().slice(0, 60),
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth),
    boxShadow: s.boxShadow,
    visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
             r.top < window.innerHeight && r.left < window.innerWidth,
  };
}"""


def focused(page: Page) -> dict | None:
    """What has keyboard focus, with the styles that make the focus visible."""
    return page.evaluate(FOCUS_STYLE_JS)
