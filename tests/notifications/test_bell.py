"""Notifications inside the portal (issue 15 item 14): the events that went only by e-mail (a new
filing for its reviewers; a decision for the organisation's administrators) reach the bell too,
worded in the reader's language when read, read/unread, with a per-person choice of which kinds
also go by e-mail."""

from __future__ import annotations

import pytest
from django.utils import translation

from portal.notifications.models import Notification
from portal.notifications.services import email_preferences_set
from portal.notifications.texts import text
from registry.register.models import ReviewDecision
from registry.register.services import review
from registry.register.services.notifications import notify_decision, notify_new_filing
from tests.web_public.helpers import file

pytestmark = pytest.mark.django_db


def test_a_new_filing_reaches_the_bell_of_those_who_may_review_it(cast, mailoutbox):  # type: ignore[no-untyped-def]
    version = file(cast.org_a, cast.owner_a, member_states=("DE",))
    notify_new_filing(version.pk)
    assert set(Notification.objects.values_list("user__email", flat=True)) == {
        cast.regulator.email  # the German reviewer; the AI Office does not see an Annex VIII A
    }
    assert [m.to for m in mailoutbox] == [[cast.regulator.email]]


def test_a_decision_notifies_the_administrators_and_respects_their_e_mail_choice(cast, mailoutbox):  # type: ignore[no-untyped-def]
    version = file(cast.org_a, cast.owner_a)
    email_preferences_set(
        user=cast.alice, email_kinds=[], kinds=["filing.changes_requested"]
    )  # Alice: in the portal only
    review.filing_start_review(actor=cast.regulator, filing=version.filing)
    review.filing_request_changes(
        actor=cast.regulator, filing=version.filing, comments=[{"field": "A4", "body": "More."}]
    )
    decision = ReviewDecision.objects.get(version=version, kind="request_changes")
    mailoutbox.clear()
    notify_decision(decision.pk)
    notified = Notification.objects.filter(kind="filing.changes_requested")
    assert set(notified.values_list("user__email", flat=True)) == {
        cast.owner_a.email,
        cast.alice.email,
    }  # administrators and owners; Bob (an editor) is not
    assert [m.to for m in mailoutbox] == [[cast.owner_a.email]]
    note = notified.get(user=cast.alice)
    with translation.override("de"):
        assert text(note.kind, note.params).startswith("Änderungen angefordert")


def test_the_bell_counts_unread_and_opening_one_marks_it_read(cast, host_client):  # type: ignore[no-untyped-def]
    mine = Notification.objects.create(
        user=cast.alice,
        kind="filing.registered",
        params={"number": "EU-1", "version": 1, "subject": "X"},
        url="/register/",
    )
    theirs = Notification.objects.create(user=cast.bob, kind="filing.registered", params={})
    client = host_client("localhost", user=cast.alice)
    badge = client.get("/notifications/count/").content.decode()
    assert ">1<" in badge
    page = client.get("/notifications/").content.decode()
    assert "Registered: EU-1, version 1: X" in page
    opened = client.get(f"/notifications/{mine.pk}/")
    assert opened.status_code == 302 and opened["Location"] == "/register/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert client.get("/notifications/count/").content.decode().strip() == ""
    assert client.get(f"/notifications/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    # Signed out: the log-in page, not someone's bell.
    assert host_client("localhost").get("/notifications/").status_code == 302


def test_e_mail_settings_are_saved_per_person(cast, host_client):  # type: ignore[no-untyped-def]
    client = host_client("localhost", user=cast.alice)
    response = client.post("/notifications/settings/", {"email": ["filing.registered"]})
    assert response.status_code == 302
    page = client.get("/notifications/settings/").content.decode()
    assert 'value="filing.registered" checked' in page
    assert 'value="filing.rejected" checked' not in page
