"""Issue 17 item 7, end to end: a rights holder files a request on the public register, confirms
it by the link in the e-mail a real SMTP server received, the provider's administrator answers it
in the workspace, and the requester receives the answer by e-mail.

The provider's listing is committed on a thread of its own (the gunicorn server is another
process; tests/e2e/test_provider_filing.py explains why) and the register truncated afterwards."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.e2e.browser import assert_accessible, login
from tests.e2e.test_provider_filing import _clean, committed

REQUESTER = "rosa@authors.test"


def _list_acme() -> None:
    from tests.cast import Cast
    from tests.rights import list_as_gpai_provider

    list_as_gpai_provider(Cast.load().org_a, model="Acme Large E2E")


def test_a_rights_holder_files_confirms_and_receives_the_providers_answer(  # type: ignore[no-untyped-def]
    page, portal_server, smtp_sink, shots
):
    committed(_list_acme)
    try:
        page.goto(portal_server.url("/register/providers/acme/rights-request/"))
        assert_accessible(page)
        page.get_by_label("Reservation of rights (opt-out)").check()
        page.get_by_label("Which model?").select_option(label="Acme Large E2E")
        page.get_by_label("Your name").fill("Rosa Rightsholder")
        page.get_by_label("Your e-mail address").fill(REQUESTER)
        page.get_by_label("Myself, as the rights holder").check()
        page.get_by_label("The works concerned").fill("The Lighthouse Keeper (novel, 2019)")
        page.get_by_label("What you ask the provider").fill("Do not train on my novel.")
        shots(page, "form")
        page.get_by_role("button", name="Send the request").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")

        body = smtp_sink.wait_for(REQUESTER, "/register/rights-requests/confirm/")
        link = re.search(r"https?://\S+/register/rights-requests/confirm/\S+/", body)
        assert link is not None, body
        page.goto(link.group(0))
        page.get_by_role("button", name="Confirm and send").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your request was sent")
        reference = re.search(r"RR-\d{4}-[0-9A-Z]{6}", page.locator("main").inner_text())
        assert reference is not None
        smtp_sink.wait_for(REQUESTER, reference.group(0))  # the reference, by e-mail too

        acme = portal_server.url(org="acme").rstrip("/")
        login(page, acme, "alice@acme.test", PASSWORD)
        page.goto(f"{acme}/rights-requests/")
        page.get_by_role("link", name=reference.group(0)).click()
        expect(page.locator("main")).to_contain_text("Do not train on my novel.")
        page.get_by_label("Answer to the requester").fill("Your opt-out is honoured.")
        page.get_by_role("button", name="Send the answer").click()
        expect(page.locator("main")).to_contain_text("Answered")
        shots(page, "answered")

        answer = smtp_sink.wait_for(REQUESTER, "Your opt-out is honoured.")
        assert reference.group(0) in answer
    finally:
        committed(_clean)
