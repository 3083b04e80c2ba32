"""The links in the filing e-mails open the filing for whoever receives them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django_tenants.utils import tenant_context

from registry.register.services import review
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.filing_flow.builders import complete_section_a_system
from tests.web_public.helpers import lead_for


@pytest.fixture
def submitted(cast, no_enqueue):  # type: ignore[no-untyped-def]
    """A Section A draft of acme, filed through the workspace (so it has a draft number)."""
    with tenant_context(cast.org_a):
        # Another draft first: the filing's draft number is not 1, nor anything like its uuid.
        other = complete_section_a_system(cast.alice, trade_name="Other")
        filing_draft_create(actor=cast.alice, kind="annex_viii_a", system_id=other.pk)
        system = complete_section_a_system(cast.alice, trade_name="Mailed System")
        draft = filing_draft_create(actor=cast.alice, kind="annex_viii_a", system_id=system.pk)
        version = filing_draft_submit(actor=cast.alice, draft=draft, confirmed=True)
    return draft, version.filing


def _link(body: str) -> tuple[str, str]:
    match = re.search(r"https?://\S+", body)
    assert match, body
    url = urlsplit(match.group(0))
    return str(url.hostname), url.path


@pytest.mark.parametrize("decide", ["register", "request_changes"])
def test_decision_mail_opens_the_filing_on_the_organisation_host(
    decide, submitted, cast, host_client, mailoutbox, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    draft, filing = submitted
    lead = lead_for()
    with django_capture_on_commit_callbacks(execute=True):
        if decide == "register":
            review.filing_register(actor=lead, filing=filing)
        else:
            review.filing_request_changes(
                actor=lead, filing=filing, comments=[{"field": "A4", "body": "Version?"}]
            )
    (message,) = [m for m in mailoutbox if m.to == [cast.alice.email]]
    assert filing.registration_number in message.subject
    host, path = _link(message.body)
    assert host == "acme.localhost"
    assert path == f"/filings/{draft.pk}/"
    response = host_client(host, user=cast.alice).get(path)
    assert response.status_code == 200
    assert "Mailed System" in response.content.decode()


def test_new_filing_mail_opens_the_filing_in_the_console(
    cast, host_client, mailoutbox, django_capture_on_commit_callbacks, no_enqueue
):  # type: ignore[no-untyped-def]
    with tenant_context(cast.org_a):
        system = complete_section_a_system(cast.alice, trade_name="Queued System")
        draft = filing_draft_create(actor=cast.alice, kind="annex_viii_a", system_id=system.pk)
        with django_capture_on_commit_callbacks(execute=True):
            version = filing_draft_submit(actor=cast.alice, draft=draft, confirmed=True)
    (message,) = [m for m in mailoutbox if cast.regulator.email in m.to]
    host, path = _link(message.body)
    assert (host, path) == ("localhost", f"/regulator/filings/{version.filing.pk}/")
    assert host_client(host, user=cast.regulator).get(path).status_code == 200


def test_changes_requested_reminder_opens_the_filing(submitted, cast, host_client, mailoutbox):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from registry.register.reminders.services import reminders_send_daily

    draft, filing = submitted
    review.filing_request_changes(
        actor=lead_for(), filing=filing, comments=[{"field": "A4", "body": "Version?"}]
    )
    reminders_send_daily(today=timezone.localdate())
    (message,) = [m for m in mailoutbox if cast.org_a.legal_name in m.subject]
    lines = message.body.splitlines()
    (index,) = [i for i, line in enumerate(lines) if filing.registration_number in line]
    host, path = _link(lines[index + 1])
    assert (host, path) == ("acme.localhost", f"/filings/{draft.pk}/")
    assert host_client(host, user=cast.alice).get(path).status_code == 200
