"""Issue 16, done-when: a provider reports a serious incident in the browser and sees its clock;
the authority acknowledges and closes it in the console, and the provider sees both steps.

The high-risk system is built through the services and committed (the gunicorn server is another
process); everything committed here is truncated afterwards. The PDF is not rendered here (no
worker): tests/incident_review/test_worker_journey.py renders and checks it.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from tests.cast import PASSWORD
from tests.e2e.browser import assert_accessible, login
from tests.e2e.test_provider_filing import _clean, committed


def _build_system(trade_name: str) -> int:
    from django_tenants.utils import tenant_context

    from tests.cast import Cast
    from tests.incidents.conftest import high_risk_system

    cast = Cast.load()
    with tenant_context(cast.org_a):
        return high_risk_system(cast.alice, trade_name=trade_name).pk


def test_provider_reports_and_the_authority_acknowledges_and_closes(page, portal_server, shots):  # type: ignore[no-untyped-def]
    trade_name = f"HireRank {uuid.uuid4().hex[:6]}"
    system_id = committed(lambda: _build_system(trade_name))
    acme = portal_server.url(org="acme").rstrip("/")
    site = portal_server.url().rstrip("/")
    aware_on = timezone.localdate() - timedelta(days=3)
    due_on = aware_on + timedelta(days=15)  # Art 73(2): serious harm to health, 15 days
    try:
        # The provider records the incident and sends the initial report.
        login(page, acme, "alice@acme.test", PASSWORD)
        page.goto(f"{acme}/incidents/new/?system={system_id}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Report an incident")
        page.get_by_label("Short title").fill("An applicant was wrongly excluded")
        page.get_by_label("When did you become aware of it?").fill(aware_on.isoformat())
        page.get_by_label("Serious harm to a person's health (Art 3(49)(a))").check()
        page.get_by_label("Member state where it occurred").select_option("DE")
        with page.expect_navigation():
            page.get_by_role("button", name="Record the incident").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Send the initial report").click()
        clock = page.locator("section[aria-labelledby=clock-heading]")
        expect(clock).to_contain_text("Initial report due")
        expect(clock).to_contain_text("Art 73(2)")
        with translation.override("en"):
            expect(clock).to_contain_text(date_format(due_on, "DATE_FORMAT"))
        shots(page, "provider-clock")
        assert_accessible(page)
        provider_page = page.url

        # The DE authority finds it in its inbox, acknowledges receipt and closes it.
        login(page, site, "regulator@msa.test", PASSWORD)
        page.goto(f"{site}/regulator/")
        expect(page.locator("#incident-counts")).to_contain_text("1 open")
        page.goto(f"{site}/regulator/incidents/")
        row = page.get_by_role("row").filter(has_text=trade_name)
        expect(row).to_contain_text("Submitted")
        shots(page, "authority-inbox")
        assert_accessible(page)
        with page.expect_navigation():
            row.get_by_role("link").first.click()
        with page.expect_navigation():
            page.get_by_role("button", name="Acknowledge receipt").click()
        expect(page.locator(".message").first).to_contain_text("Receipt acknowledged")
        page.locator("#action-close summary").click()
        page.get_by_label("Closing remarks").fill("The provider's corrective action suffices.")
        with page.expect_navigation():
            page.get_by_role("button", name="Close the report").click()
        expect(page.locator(".message").first).to_contain_text("Report closed")
        expect(page.locator(".facts-inline")).to_contain_text("Closed")
        shots(page, "authority-closed")
        assert_accessible(page)

        # The provider sees both steps on the report's page.
        page.goto(provider_page)
        steps = page.locator("section[aria-labelledby=steps-heading]")
        expect(steps).to_contain_text("Receipt acknowledged")
        expect(steps).to_contain_text("The provider's corrective action suffices.")
        shots(page, "provider-steps")
    finally:
        committed(_clean)
