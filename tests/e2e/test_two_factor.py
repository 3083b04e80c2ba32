"""Two-factor authentication in the browser (issue 14 item 2): a new owner is made to enrol an
authenticator at the first log-in (the code computed here from the key the page shows), logs out
and in again with a code, then loses the phone and logs in with a recovery code, which works
only once."""

from __future__ import annotations

import base64
import re
import time
import uuid
from typing import Any

from django_otp.oath import hotp
from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.e2e.browser import assert_accessible, enter_code, login
from tests.e2e.test_provider_filing import committed
from tests.two_factor import next_code


def _new_owner_of_globex() -> Any:
    from portal.accounts.models import Membership, Role, User
    from portal.tenancy.models import Organisation

    user = User.objects.create_user(
        email=f"owner-{uuid.uuid4().hex[:8]}@globex.test", password=PASSWORD
    )
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(slug="globex"), role=Role.OWNER
    )
    return user


def _log_out(page, email: str) -> None:  # type: ignore[no-untyped-def]
    with page.expect_navigation():
        page.get_by_role("button", name=f"Log out {email}").click()


def _password_step(page, url: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/$"))


def test_owner_enrols_logs_in_with_a_code_then_with_a_recovery_code_once(  # type: ignore[no-untyped-def]
    page, portal_server, shots
):
    owner = committed(_new_owner_of_globex)
    url = portal_server.url(org="globex")

    # First log-in: the password alone leads to enrolment, not to the workspace.
    login(page, url, owner.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor authentication")
    expect(page.locator("figure.qr svg")).to_be_visible()
    assert_accessible(page)
    shots(page, "enrol")
    secret = page.locator("#totp-secret").get_attribute("data-secret")
    assert secret
    code = f"{hotp(base64.b32decode(secret), int(time.time()) // 30):06d}"
    page.get_by_label("Code from the app").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    shots(page, "recovery-codes")
    with page.expect_navigation():
        page.get_by_role("button", name="I have kept my codes: continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    _log_out(page, owner.email)

    # Again, with a code from the authenticator.
    _password_step(page, url, owner.email)
    assert_accessible(page)
    shots(page, "code")
    enter_code(page, next_code(owner))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    _log_out(page, owner.email)

    # The phone is lost: a recovery code instead.
    _password_step(page, url, owner.email)
    enter_code(page, codes[0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    _log_out(page, owner.email)

    # The same recovery code a second time is refused, next to the field.
    _password_step(page, url, owner.email)
    enter_code(page, codes[0])
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/$"))
    expect(page.locator(".errorlist-box")).to_contain_text("That code is not valid")
    shots(page, "recovery-code-used")
