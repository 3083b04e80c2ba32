"""Single sign-on in the browser (issue 14 item 3): an authority member opens the console, logs
in through the authority's OpenID Connect provider (django-oauth-toolkit on loopback,
tests/sso_idp), then passes the portal's second factor, and lands in the console."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible, enter_code
from tests.e2e.test_provider_filing import committed
from tests.sso_idp.process import Person, Provider, start_provider
from tests.two_factor import next_code

IDP_PASSWORD = "idp-password-2026"


def _configure(provider: Provider | None) -> None:
    from portal.accounts.models import Authority
    from portal.accounts.sso import authority_sso_configure

    authority_sso_configure(
        actor=None,
        authority=Authority.objects.get(slug="de-msa"),
        issuer=provider.issuer if provider else "",
        client_id=provider.client_id if provider else "",
        client_secret=provider.client_secret if provider else None,
    )


@pytest.fixture
def sso_provider(portal_server, tmp_path) -> Iterator[Provider]:  # type: ignore[no-untyped-def]
    provider = start_provider(
        tmp_path / "idp",
        redirect_uris=[portal_server.url("/accounts/sso/de-msa/callback/")],
        people=[Person("regulator@msa.test", IDP_PASSWORD)],
    )
    committed(lambda: _configure(provider))
    try:
        yield provider
    finally:
        committed(lambda: _configure(None))
        provider.stop()


def test_authority_member_signs_on_at_the_provider_then_enters_the_portal_code(  # type: ignore[no-untyped-def]
    page, portal_server, sso_provider, shots
):
    from portal.accounts.models import User

    page.goto(portal_server.url("/regulator/"))
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/regulator/$"))
    with page.expect_navigation():
        page.get_by_role("link", name="Log in with the sign-on of German MSA (test)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Test identity provider")
    assert page.url.startswith(sso_provider.issuer.rsplit("/o", 1)[0])
    shots(page, "provider")
    page.get_by_label("Username").fill("regulator@msa.test")
    page.get_by_label("Password").fill(IDP_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in at the identity provider").click()

    # Back at the portal: not in yet, the portal's own second factor first.
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page)
    shots(page, "portal-code")
    enter_code(page, next_code(User.objects.get(email="regulator@msa.test")))
    expect(page).to_have_url(re.compile(r"/regulator/$"))
    expect(page.get_by_role("button", name="Log out regulator@msa.test")).to_be_visible()
    shots(page, "console")
