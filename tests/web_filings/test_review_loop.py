"""The review loop (issue 15 item 8): the organisation sees each comment with a link to where it
edits what the comment concerns and answers it; the reviewer sees, comment by comment, what
changed since the version commented on, and confirms or reopens the answer. The rules are the
service's (registry.register.services.comments), so the web and any other caller share them."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from portal.audit.models import AuditEvent
from portal.errors import Conflict, Forbidden, NotFound, ValidationFailed
from registry.register.models import ReviewComment
from registry.register.services import review
from registry.register.services.comments import comment_confirm, comment_reopen, comment_resolve
from registry.workspace import services
from tests.web_filings.test_filing_pages import _filed

pytestmark = pytest.mark.django_db

PURPOSE = "Ranks applications; humans decide."


def _changes_requested(org_a, alice, regulator):  # type: ignore[no-untyped-def]
    draft, version = _filed(org_a, alice)
    review.filing_start_review(actor=regulator, filing=version.filing)
    review.filing_request_changes(
        actor=regulator,
        filing=version.filing,
        comments=[
            {"field": "intended_purpose", "body": "Say who decides."},
            {"field": "A10", "body": "Which member states exactly?"},
        ],
    )
    comments = {c.field: c for c in ReviewComment.objects.filter(version=version)}
    return draft, version, comments


def test_the_service_rules_of_the_loop(org_a, alice, bob, regulator, cast):  # type: ignore[no-untyped-def]
    _draft, _version, comments = _changes_requested(org_a, alice, regulator)
    comment = comments["intended_purpose"]
    # Nothing to confirm before the organisation answers; an empty answer changes nothing.
    with pytest.raises(Conflict):
        comment_confirm(actor=regulator, comment=comment)
    with pytest.raises(ValidationFailed):
        comment_resolve(actor=alice, comment=comment, resolution="  ")
    comment.refresh_from_db()
    assert comment.state == "open"
    # Another organisation's member, and a reviewer who cannot see the filing, do not find it;
    # the AI Office did not write the comment and cannot see a DE filing at all.
    with pytest.raises(Forbidden):
        comment_resolve(actor=cast.owner_b, comment=comment, resolution="Done.")
    with pytest.raises(NotFound):
        comment_confirm(actor=cast.ai_office_lead, comment=comment)
    # An editor answers; the reviewer of the authority that wrote it confirms.
    comment_resolve(actor=bob, comment=comment, resolution="Humans decide; see A4.")
    comment.refresh_from_db()
    assert (comment.state, comment.resolved_by_label) == ("resolved", bob.email)
    comment_confirm(actor=regulator, comment=comment)
    comment.refresh_from_db()
    assert comment.state == "confirmed"
    with pytest.raises(Conflict):  # settled: the answer can no longer be changed
        comment_resolve(actor=bob, comment=comment, resolution="Changed my mind.")
    comment_reopen(actor=regulator, comment=comment)
    comment.refresh_from_db()
    assert comment.state == "open" and comment.resolution == "Humans decide; see A4."
    actions = set(
        AuditEvent.objects.filter(action__startswith="filing.comment_").values_list(
            "action", flat=True
        )
    )
    assert actions == {
        "filing.comment_resolved",
        "filing.comment_confirmed",
        "filing.comment_reopened",
    }


def test_provider_page_links_each_comment_to_its_field_and_takes_an_answer(
    acme, org_a, alice, regulator
):  # type: ignore[no-untyped-def]
    draft, _version, comments = _changes_requested(org_a, alice, regulator)
    comment = comments["intended_purpose"]
    body = acme.get(f"/filings/{draft.pk}/").content.decode()
    block = body.split(f'id="review-comment-{comment.pk}"')[1].split("</li>")[0]
    assert f'href="/systems/{draft.system_id}/edit/a5/#id_intended_purpose"' in block
    url = f"/filings/{draft.pk}/comments/{comment.pk}/resolve/"
    assert f'action="{url}#error-summary"' in block
    # An empty answer: the error summary at the top links to the field; nothing is stored.
    refused = acme.post(url, {"resolution": ""})
    assert refused.status_code == 422
    page = refused.content.decode()
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert f'href="#resolution-{comment.pk}"' in summary
    assert 'aria-invalid="true"' in page.split(f'id="review-comment-{comment.pk}"')[1]
    comment.refresh_from_db()
    assert comment.resolved_at is None
    answered = acme.post(url, {"resolution": "Humans decide; see A4."}, follow=True)
    assert answered.status_code == 200
    assert "Answered, awaiting the reviewer" in answered.content.decode()


def test_console_shows_what_changed_since_the_comment_and_confirms(
    host_client, org_a, alice, regulator
):  # type: ignore[no-untyped-def]
    draft, version, comments = _changes_requested(org_a, alice, regulator)
    comment_resolve(actor=alice, comment=comments["intended_purpose"], resolution="Done.")
    with tenant_context(org_a):
        services.ai_system_update(actor=alice, system=draft.system, intended_purpose=PURPOSE)
    acme = host_client("acme.localhost", user=alice)
    assert acme.post(f"/filings/{draft.pk}/submit/", {"confirm": "on"}).status_code == 302
    console = host_client("localhost", user=regulator)
    body = console.get(f"/regulator/filings/{version.filing.pk}/").content.decode()
    changed = body.split(f'id="review-comment-{comments["intended_purpose"].pk}"')[1].split(
        "</li>"
    )[0]
    assert "Changed since version 1" in changed
    assert f'<ins lang="en">{PURPOSE}</ins>' in changed
    assert "Answered, awaiting the reviewer" in changed
    unchanged = body.split(f'id="review-comment-{comments["A10"].pk}"')[1].split("</li>")[0]
    assert "Not changed since version 1" in unchanged
    step = f"/regulator/filings/{version.filing.pk}/comments/{comments['intended_purpose'].pk}/confirm/"
    assert f'action="{step}"' in changed
    assert console.post(step).status_code == 302
    assert ReviewComment.objects.get(pk=comments["intended_purpose"].pk).state == "confirmed"
    # The organisation sees it settled.
    assert (
        "Resolved, confirmed by the reviewer" in acme.get(f"/filings/{draft.pk}/").content.decode()
    )


def test_the_dashboards_changes_requested_leads_to_those_filings(acme, org_a, alice, regulator):  # type: ignore[no-untyped-def]
    from tests.web_filings.test_filing_pages import _draft

    draft, _version, _comments = _changes_requested(org_a, alice, regulator)
    other = _draft(org_a, alice, trade_name="Never filed")
    assert 'href="/filings/?status=changes_requested"' in acme.get("/").content.decode()
    asked = acme.get("/filings/", {"status": "changes_requested"}).content.decode()
    assert f'href="/filings/{draft.pk}/"' in asked and f'href="/filings/{other.pk}/"' not in asked
    unfiled = acme.get("/filings/", {"status": "not_filed"}).content.decode()
    assert (
        f'href="/filings/{other.pk}/"' in unfiled and f'href="/filings/{draft.pk}/"' not in unfiled
    )
    assert acme.get("/filings/", {"status": "nonsense"}).status_code == 422
