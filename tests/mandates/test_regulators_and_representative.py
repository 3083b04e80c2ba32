"""Regulators see a non-EU provider's representative on each filing and can address it
(Art 22(3)(c)-(d), Art 54(3)(c)-(d)); another member state's reviewer sees neither."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from registry.register.services import review
from registry.register.services.mandates import mandate_accept, mandate_terminate
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.api.helpers import PUBLIC_HOST, ApiClient, assert_problem


@pytest.fixture
def filed(non_eu_acme, alice, cast, hire_rank, offer, no_enqueue):
    mandate = offer(verification_required=False)
    mandate_accept(actor=cast.owner_b, mandate=mandate)
    with tenant_context(non_eu_acme):
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=hire_rank.pk)
        version = filing_draft_submit(actor=alice, draft=draft, confirmed=True)
    return mandate, version.filing


def test_comments_and_change_requests_reach_the_representative(
    filed, cast, mailoutbox, django_capture_on_commit_callbacks
):
    _mandate, filing = filed
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review.filing_comment(
            actor=cast.regulator, filing=filing, field="A3", body="Send the mandate."
        )
    assert [m.to for m in mailoutbox] == [["owner@globex.test"]]
    assert "Send the mandate." in mailoutbox[0].body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review.filing_request_changes(
            actor=cast.regulator, filing=filing, comments=[], reason="Complete A3."
        )
    assert ["owner@globex.test"] in [m.to for m in mailoutbox]
    assert ["alice@acme.test"] in [m.to for m in mailoutbox]


def test_the_regulator_sees_the_representative_and_then_none(filed, cast, org_b, host_client):
    mandate, filing = filed
    api = ApiClient(PUBLIC_HOST, user=cast.regulator)
    shown = api.get(f"/api/v1/regulator/filings/{filing.pk}/").json()["authorised_representative"]
    assert shown["status"] == "active" and shown["name"] == org_b.legal_name
    page = host_client(PUBLIC_HOST, user=cast.regulator).get(f"/regulator/filings/{filing.pk}/")
    assert org_b.legal_name in page.content.decode()
    mandate_terminate(
        actor=cast.alice, mandate=mandate, organisation=cast.org_a, reason="New representative"
    )
    shown = api.get(f"/api/v1/regulator/filings/{filing.pk}/").json()["authorised_representative"]
    assert shown["status"] == "none" and shown["ended"][0]["reason"] == "New representative"
    page = host_client(PUBLIC_HOST, user=cast.regulator).get(f"/regulator/filings/{filing.pk}/")
    assert "No representative" in page.content.decode()
    # The provider's own filing page says so too, until a new mandate is active.
    from registry.workspace.models.drafts import FilingDraft

    with tenant_context(cast.org_a):
        draft = FilingDraft.objects.get(register_filing_id=filing.pk)
    own = host_client("acme.localhost", user=cast.alice).get(f"/filings/{draft.pk}/")
    assert "No representative" in own.content.decode()


def test_another_member_states_reviewer_sees_no_such_filing(filed, cast):
    from portal.accounts.models import Authority, AuthorityMembership, User

    fr = Authority.objects.create(
        slug="fr-msa", name="French MSA (test)", kind="national_msa", member_states=["FR"]
    )
    reviewer = User.objects.create_user(email="fr@msa.test", password=None)
    AuthorityMembership.objects.create(user=reviewer, authority=fr, role="reviewer")
    _mandate, filing = filed
    response = ApiClient(PUBLIC_HOST, user=reviewer).get(f"/api/v1/regulator/filings/{filing.pk}/")
    assert_problem(response, 404)
