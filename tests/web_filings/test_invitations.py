"""portal.accounts.invitations: members by e-mail, with or without an account."""

from __future__ import annotations

import pytest

from portal.accounts.invitations import invitation_resend, member_invite
from portal.accounts.models import Membership, User
from portal.errors import Conflict, PermissionDenied, ValidationFailed


def test_refused_invitation_creates_no_account(bob, org_a, mailoutbox):
    with pytest.raises(PermissionDenied):
        member_invite(actor=bob, organisation=org_a, email="new@x.test", role="viewer")
    assert not User.objects.filter(email="new@x.test").exists() and mailoutbox == []


def test_unknown_role_rolls_back_the_new_account(alice, org_a, mailoutbox):
    with pytest.raises(ValidationFailed):
        member_invite(actor=alice, organisation=org_a, email="new@x.test", role="emperor")
    assert not User.objects.filter(email="new@x.test").exists() and mailoutbox == []


def test_admin_cannot_invite_an_owner(alice, org_a):
    with pytest.raises(PermissionDenied):
        member_invite(actor=alice, organisation=org_a, email="new@x.test", role="owner")
    assert not User.objects.filter(email="new@x.test").exists()


def test_invitation_is_sent_after_commit_and_can_be_resent(
    alice, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = member_invite(actor=alice, organisation=org_a, email="New@X.test", role="editor")
    assert result.invited and result.membership.user.email == "new@x.test"
    assert len(mailoutbox) == 1
    invitation_resend(actor=alice, membership=result.membership)
    assert len(mailoutbox) == 2


def test_resend_to_someone_with_a_password_is_refused(alice, org_a, bob):
    membership = Membership.objects.get(user=bob, organisation=org_a)
    with pytest.raises(ValidationFailed):
        invitation_resend(actor=alice, membership=membership)


def test_existing_member_is_a_conflict(alice, org_a, bob):
    with pytest.raises(Conflict):
        member_invite(actor=alice, organisation=org_a, email=bob.email, role="viewer")
