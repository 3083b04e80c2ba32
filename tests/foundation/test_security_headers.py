"""Response headers of the perimeter (issue 14 item 8): a Content-Security-Policy and a
Permissions-Policy on every page, no inline script left for the policy to block, and the health
check open on an organisation's host at its exact path only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize(
    ("host", "path", "who"),
    [
        ("localhost", "/", None),  # the public register
        ("localhost", "/accounts/login/", None),
        ("localhost", "/no-such-page/", None),  # an error page too
        ("acme.localhost", "/", "alice"),  # an organisation's dashboard
        ("acme.localhost", "/api/v1/me", "alice"),  # an API answer
    ],
)
def test_every_page_has_a_strict_content_security_policy(host_client, cast, host, path, who):
    response = host_client(host, user=getattr(cast, who) if who else None).get(path)
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_api_documentation_page_loads_its_script_from_the_portal(host_client, db):
    response = host_client("localhost").get("/api/docs/")
    assert response.status_code == 200
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script"
    (script_url,) = re.findall(r'<script src="([^"]*script[^"]*)"', html)
    script = host_client("localhost").get(script_url.replace("&amp;", "&"))
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_no_template_has_an_inline_script_or_event_handler():
    found = []
    for folder in (ROOT / "templates", ROOT / "registry", ROOT / "portal"):
        for template in folder.rglob("*.html"):
            if "filings/templates" in str(template):  # WeasyPrint's PDF templates, not pages
                continue
            html = template.read_text()
            if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) or re.search(
                r"\son[a-z]+\s*=\s*[\"']", html
            ):
                found.append(str(template.relative_to(ROOT)))
    assert found == []


def test_healthz_is_open_on_an_organisation_host_at_its_exact_path_only(host_client, db):
    assert host_client("acme.localhost").get("/healthz").status_code == 200
    for path in ("/healthzz", "/healthz-private/", "/healthz/x"):
        response = host_client("acme.localhost").get(path)
        assert response.status_code == 302, path  # to the log-in, like any other page
        assert response["Location"].startswith("/accounts/login/")
