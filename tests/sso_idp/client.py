"""Walking a person through the test identity provider without a browser (requests), for the
tests that drive the portal with Django's test client."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import requests

from tests.sso_idp.process import Provider


def sign_in_at_provider(
    provider: Provider, authorize_url: str, username: str, password: str
) -> str:
    """Follow the portal's redirect to the provider, sign in there, and return the URL the
    provider sends the browser back to (the portal's callback with code and state)."""
    session = requests.Session()
    to_login = session.get(authorize_url, allow_redirects=False, timeout=10)
    assert to_login.status_code == 302, to_login.text[:500]
    login_url = urljoin(authorize_url, to_login.headers["Location"])
    page = session.get(login_url, timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert csrf, page.text[:500]
    next_path = dict(
        pair.split("=", 1) for pair in urlsplit(login_url).query.split("&") if "=" in pair
    )
    signed_in = session.post(
        login_url,
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": csrf.group(1),
            "next": requests.utils.unquote(next_path.get("next", "")),
        },
        headers={"Referer": login_url},
        allow_redirects=False,
        timeout=10,
    )
    assert signed_in.status_code == 302, signed_in.text[:500]
    back = session.get(
        urljoin(login_url, signed_in.headers["Location"]), allow_redirects=False, timeout=10
    )
    assert back.status_code == 302, back.text[:500]
    return back.headers["Location"]
