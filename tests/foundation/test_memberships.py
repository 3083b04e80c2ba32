from __future__ import annotations

import pytest

from portal.accounts.models import Membership, Role
from portal.accounts.services import membership_add, membership_change_role, membership_remove
from portal.errors import Conflict, Forbidden


def test_admin_adds_a_member(alice, carol, org_a):
    membership = membership_add(actor=alice, organisation=org_a, user=carol, role=Role.VIEWER)
    assert membership.role == Role.VIEWER


def test_editor_cannot_manage_members(bob, carol, org_a):
    with pytest.raises(Forbidden):
        membership_add(actor=bob, organisation=org_a, user=carol, role=Role.VIEWER)
    assert not Membership.objects.filter(user=carol).exists()


def test_admin_of_other_organisation_cannot_add_members_here(alice, carol, org_b):
    with pytest.raises(Forbidden):
        membership_add(actor=alice, organisation=org_b, user=carol, role=Role.VIEWER)


def test_admin_cannot_create_an_owner(alice, carol, org_a):
    with pytest.raises(Forbidden):
        membership_add(actor=alice, organisation=org_a, user=carol, role=Role.OWNER)


def test_last_owner_cannot_be_demoted_or_removed(cast):
    owner_membership = Membership.objects.get(user=cast.owner_a, organisation=cast.org_a)
    with pytest.raises(Conflict) as excinfo:
        membership_change_role(actor=cast.owner_a, membership=owner_membership, role=Role.ADMIN)
    assert excinfo.value.code == "last_owner"
    with pytest.raises(Conflict):
        membership_remove(actor=cast.owner_a, membership=owner_membership)
    owner_membership.refresh_from_db()
    assert owner_membership.role == Role.OWNER


def test_adding_an_existing_member_is_a_conflict(alice, bob, org_a):
    with pytest.raises(Conflict):
        membership_add(actor=alice, organisation=org_a, user=bob, role=Role.VIEWER)
