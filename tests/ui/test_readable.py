"""No internal names, one date and one size format per language (issue 15 items 1 and 9), in
what the main-page scan (tests/ui/test_translations.py) does not render: the filing pages with a
second version and its diff, the filed PDFs (three representative filings, text by pypdf) and
the e-mails of the demo flows (new filing, review started, changes requested, registered,
reminders, invitation), in English, German and French."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import tenant_context

from portal.accounts.invitations import member_invite
from portal.formatting import file_size
from registry.filings.canonical import PUBLIC_PART, canonical_json
from registry.filings.pdf import render_filing_pdf
from registry.filings.samples import sample_snapshot
from registry.register.models import Reminder, ReminderKind, ReviewDecision
from registry.register.reminders.services import reminders_mail_pending
from registry.register.services import review
from registry.register.services.notifications import notify_decision, notify_new_filing
from registry.workspace import services
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.filing_flow.builders import complete_section_a_system
from tests.filings.helpers import page_texts
from tests.ui.readable import assert_readable_page, assert_readable_text, findings
from tests.web_public.helpers import file, lead_for

LANGUAGES = ("en", "de", "fr")


def test_the_check_finds_codes_foreign_dates_and_binary_units() -> None:
    text = [
        ("Risk tier high_risk", "en"),
        ("public", "en"),
        ("Slug helios", "en"),
        ("Submitted 02/12/2026, due 2026-12-02", "en"),
        ("Eingereicht am 2 December 2026", "de"),
        ("Déposé le 2. Dezember 2026", "fr"),
        ("12.5 KB", "en"),
        ("12,5 kB", "fr"),
    ]
    found = " | ".join(findings(text))
    for bad in ("high_risk", "'public'", "Slug", "02/12/2026", "2026-12-02", "2 December 2026",
                "2. Dezember 2026", "12.5 KB", "12,5 kB"):  # fmt: skip
        assert bad in found, (bad, found)
    good = [
        ("2 December 2026, 12.5 kB", "en"),
        ("2. Dezember 2026, 12,5 kB", "de"),
        ("2 décembre 2026, 12,5 ko", "fr"),
        ("EU-AI-2026-000042 · rules 2026.12.1 · alice@acme.test", "en"),
    ]
    assert findings(good) == []


@pytest.mark.parametrize(
    ("lang", "small", "large"),
    [("en", "48.2 kB", "25 MB"), ("de", "48,2 kB", "25 MB"), ("fr", "48,2 ko", "25 Mo")],
)
def test_one_size_format_per_language(lang: str, small: str, large: str) -> None:
    from django.utils import translation

    with translation.override(lang):
        assert (file_size(48_213), file_size(25_000_000)) == (small, large)


def _public_part(snapshot: dict) -> dict:
    keep = ("schema_version", "kind", "filing", "organisation", "subject", "registration")
    return {key: snapshot[key] for key in keep} | {
        "part": PUBLIC_PART,
        "risk_tier": snapshot["classification"]["risk_tier"],
    }


def test_filed_pdfs_show_labels_and_english_dates_and_sizes() -> None:
    """The PDF is written in English (registry/filings/pdf.py): a Section A filing with its
    classification, risks and evidence; its public copy; a GPAI notification."""
    section_a = sample_snapshot(risk_rows=6, evidence_rows=3)
    for name, snapshot in (
        ("section-a", section_a),
        ("public-copy", _public_part(section_a)),
        ("gpai", sample_snapshot(kind="gpai_art52_notification")),
    ):
        text = "\n".join(page_texts(render_filing_pdf(canonical_json(snapshot)).content))
        assert_readable_text(text, "en", name)
        if name != "gpai":
            assert "High-risk (Art 6)" in " ".join(text.split()), name


def test_filing_page_version_diff_and_console_show_labels_in_each_language(
    host_client, org_a, alice, regulator
):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        first = filing_draft_submit(actor=alice, draft=draft, confirmed=True)
    review.filing_start_review(actor=regulator, filing=first.filing)
    review.filing_request_changes(
        actor=regulator, filing=first.filing, comments=[{"field": "status", "body": "Status?"}]
    )
    with tenant_context(org_a):
        services.ai_system_update(actor=alice, system=system, status="in_service")
        draft.refresh_from_db()
        filing_draft_submit(actor=alice, draft=draft, confirmed=True)
    pages = [
        (host_client("acme.localhost", user=alice), f"/filings/{draft.pk}/"),
        (host_client("acme.localhost", user=alice), f"/filings/{draft.pk}/diff/?a=1&b=2"),
        (host_client("localhost", user=regulator), f"/regulator/filings/{first.filing.pk}/"),
    ]
    for lang in LANGUAGES:
        for client, path in pages:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            assert_readable_page(response.content.decode(), lang, path)


def test_e_mails_are_in_the_recipients_language_with_labels_and_its_dates(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    lead = lead_for()
    version = file(cast.org_a, cast.owner_a, member_states=("DE",))
    filing = version.filing
    review.filing_start_review(actor=lead, filing=filing)
    review.filing_request_changes(
        actor=lead, filing=filing, comments=[{"field": "A4", "body": "Give the version."}]
    )
    decisions = list(ReviewDecision.objects.filter(version=version).order_by("pk"))
    english = {"Open it:", "Review it:", "What falls due for", "To accept, open this link"}
    for lang in LANGUAGES:
        for user in (cast.owner_a, cast.alice, cast.regulator, cast.carol, lead):
            user.language = lang
            user.save(update_fields=["language"])
        mailoutbox.clear()
        notify_new_filing(version.pk)
        for decision in decisions:
            notify_decision(decision.pk)
        Reminder.objects.create(
            organisation=cast.org_a,
            kind=ReminderKind.CERTIFICATE_EXPIRY,
            object_ref=f"test:certificate:{lang}",
            due_on=timezone.localdate() + timedelta(days=30),
            title="Certificate CE-1 of HireRank expires",
            link_path="/systems/",
        )
        reminders_mail_pending(organisation=cast.org_a)
        with django_capture_on_commit_callbacks(execute=True):
            member_invite(
                actor=cast.owner_a, organisation=cast.org_a, email=cast.carol.email, role="viewer"
            )
        # new filing, review started and changes requested (two administrators each),
        # reminders, invitation
        assert len(mailoutbox) >= 7, [m.subject for m in mailoutbox]
        for message in mailoutbox:
            assert_readable_text(f"{message.subject}\n{message.body}", lang, message.subject)
        bodies = "\n".join(m.body for m in mailoutbox)
        if lang == "en":
            assert all(phrase in bodies for phrase in english), bodies
        else:
            assert not any(phrase in bodies for phrase in english), bodies


def test_no_plural_is_written_with_parentheses() -> None:
    """ "7 item(s)": every count is worded with ngettext (pages, e-mails) or count_of (the
    operators' commands, portal/formatting.py)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"\b(?!str\()[a-z]{2,}\(s\)")
    found = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("templates", "registry", "portal")
        for path in (root / folder).rglob("*")
        if path.suffix in {".py", ".html", ".txt"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line.replace("http(s)", ""))
    ]
    assert not found


def test_the_switcher_keeps_a_signed_in_persons_language_for_their_e_mails(host_client, cast):  # type: ignore[no-untyped-def]
    from portal.mail import recipient_language

    client = host_client("localhost", user=cast.carol)
    assert client.post("/i18n/setlang/", {"language": "fr", "next": "/"}).status_code == 302
    cast.carol.refresh_from_db()
    assert cast.carol.language == "fr" and recipient_language(cast.carol) == "fr"
    # A language the portal does not have changes nothing.
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    cast.carol.refresh_from_db()
    assert cast.carol.language == "fr"
    # Signed out: the cookie only.
    assert host_client("localhost").post("/i18n/setlang/", {"language": "de"}).status_code == 302
