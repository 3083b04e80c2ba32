from __future__ import annotations

import pytest
from django.core import mail

from portal.errors import Conflict, Forbidden, NotFound, ValidationFailed
from registry.register.models import ReviewComment
from registry.register.selectors import (
    public_filings,
    public_snapshot,
    regulator_filings,
)
from registry.register.services import review
from registry.register.services.submit import filing_version_submit
from tests.register.factories import submission


@pytest.fixture
def filed(alice, org_a, no_enqueue):
    return filing_version_submit(actor=alice, submission=submission(org_a)).filing


def test_reviewer_of_the_member_state_sees_the_filing(filed, regulator):
    assert list(regulator_filings(user=regulator)) == [filed]


def test_reviewer_of_another_member_state_never_sees_it(filed, reviewer_fr):
    assert list(regulator_filings(user=reviewer_fr)) == []
    with pytest.raises(NotFound):
        review.filing_start_review(actor=reviewer_fr, filing=filed)


def test_ai_office_sees_gpai_filings_only(alice, org_a, cast, no_enqueue, filed):
    gpai = filing_version_submit(
        actor=alice,
        submission=submission(
            org_a, kind="gpai_art52_notification", subject_id="model-1", member_states=()
        ),
    ).filing
    assert list(regulator_filings(user=cast.ai_office_lead)) == [gpai]
    assert list(regulator_filings(user=cast.regulator)) == [filed]


def test_restricted_filing_only_for_members_with_restricted_access(
    alice, org_a, regulator, lead_de, no_enqueue
):
    from portal.accounts.models import AuthorityMembership

    filing = filing_version_submit(
        actor=alice, submission=submission(org_a, restricted=True, subject_id="police")
    ).filing
    assert list(regulator_filings(user=regulator)) == []
    AuthorityMembership.objects.filter(user=lead_de).update(restricted_access=True)
    assert list(regulator_filings(user=lead_de)) == [filing]


def test_outsiders_and_organisation_members_see_no_queue(filed, carol, alice):
    assert list(regulator_filings(user=carol)) == []
    assert list(regulator_filings(user=alice)) == []


def test_full_review_cycle_changes_requested_then_registered(
    alice, org_a, regulator, lead_de, filed, no_enqueue, django_capture_on_commit_callbacks
):
    review.filing_start_review(actor=regulator, filing=filed)
    with django_capture_on_commit_callbacks(execute=True):
        review.filing_request_changes(
            actor=regulator,
            filing=filed,
            comments=[{"field": "intended_purpose", "body": "Say which decisions it supports."}],
        )
    filed.refresh_from_db()
    assert filed.status == "changes_requested"
    assert ReviewComment.objects.get().field == "intended_purpose"
    assert "Changes requested" in mail.outbox[-1].subject
    assert mail.outbox[-1].to == ["alice@acme.test"] or "owner@acme.test" in mail.outbox[-1].to

    v2 = filing_version_submit(actor=alice, submission=submission(org_a))
    assert v2.number == 2 and v2.previous_sha256 == filed.versions.get(number=1).sha256
    with pytest.raises(Forbidden):
        review.filing_register(actor=regulator, filing=filed)  # reviewers cannot register
    review.filing_register(actor=lead_de, filing=filed)
    filed.refresh_from_db()
    assert (filed.status, filed.registered_version_number) == ("registered", 2)
    assert list(public_filings()) == [filed]


def test_request_changes_needs_a_comment_on_a_real_field(filed, regulator):
    with pytest.raises(ValidationFailed):
        review.filing_request_changes(actor=regulator, filing=filed, comments=[])
    with pytest.raises(ValidationFailed):
        review.filing_request_changes(
            actor=regulator, filing=filed, comments=[{"field": "no_such_field", "body": "?"}]
        )
    filed.refresh_from_db()
    assert filed.status == "submitted"
    assert ReviewComment.objects.count() == 0


def test_rejection_needs_a_reason_and_a_lead(filed, regulator, lead_de):
    with pytest.raises(Forbidden):
        review.filing_reject(actor=regulator, filing=filed, reason="Incomplete")
    with pytest.raises(ValidationFailed):
        review.filing_reject(actor=lead_de, filing=filed, reason=" ")
    review.filing_reject(actor=lead_de, filing=filed, reason="Not an AI system (Art 3(1)).")
    filed.refresh_from_db()
    assert filed.status == "rejected"


def test_decided_version_cannot_be_decided_again(filed, lead_de):
    review.filing_register(actor=lead_de, filing=filed)
    with pytest.raises(Conflict):
        review.filing_reject(actor=lead_de, filing=filed, reason="Changed my mind")


def test_stale_version_number_is_refused(filed, lead_de):
    with pytest.raises(Conflict) as excinfo:
        review.filing_register(actor=lead_de, filing=filed, version_number=7)
    assert excinfo.value.code == "stale_version"


def test_withdrawal_needs_an_organisation_admin(filed, bob, alice, carol):
    with pytest.raises(Forbidden):
        review.filing_withdraw(actor=bob, filing=filed)  # bob is an editor of A
    with pytest.raises(Forbidden):
        review.filing_withdraw(actor=carol, filing=filed)
    review.filing_withdraw(actor=alice, filing=filed, reason="Product cancelled")
    filed.refresh_from_db()
    assert filed.status == "withdrawn"


def test_withdrawn_registration_leaves_the_public_register(filed, lead_de, alice):
    review.filing_register(actor=lead_de, filing=filed)
    assert public_filings().count() == 1
    review.filing_withdraw(actor=alice, filing=filed)
    assert public_filings().count() == 0


def test_new_filing_notifies_the_entitled_reviewers_only(
    alice, org_a, regulator, reviewer_fr, no_enqueue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        filing_version_submit(actor=alice, submission=submission(org_a))
    recipients = {address for message in mail.outbox for address in message.to}
    assert "regulator@msa.test" in recipients
    assert "reviewer@fr.test" not in recipients


def test_public_snapshot_leaves_out_people_and_internal_records(filed):
    snapshot = public_snapshot(filed.versions.get().snapshot)
    assert "submitted_by" not in snapshot["filing"]
    assert "risk_summary" not in snapshot and "evidence" not in snapshot
    assert "contact_email" not in snapshot["organisation"]
    assert snapshot["registration"]["items"]
