"""/api/v1/members/: administrators (and admin keys) manage the organisation's members."""

from __future__ import annotations

from django_tenants.utils import tenant_context

from portal.accounts.models import Membership, User
from portal.audit.models import AuditEvent
from tests.api.helpers import ORG_A_HOST, assert_problem


def test_admin_lists_members_with_their_users(api, alice, org_a):
    rows = api(ORG_A_HOST, user=alice).get("/api/v1/members/").json()["results"]
    assert {r["user"]["email"] for r in rows} == set(
        Membership.objects.filter(organisation=org_a).values_list("user__email", flat=True)
    )


def test_admin_key_invites_an_existing_user_audited_as_the_key(api, make_key, org_a):
    newcomer = User.objects.create_user(email="joiner@example.test", password=None)
    response = api(ORG_A_HOST, key=make_key(org_a, scopes=["admin"])).post(
        "/api/v1/members/", {"email": "Joiner@Example.test", "role": "editor"}
    )
    assert response.status_code == 202, response.content
    assert response.json()["email"] == newcomer.email
    # A member only once the person accepts (issue 14 item 4).
    assert not Membership.objects.filter(user=newcomer, organisation=org_a).exists()
    with tenant_context(org_a):
        event = AuditEvent.objects.get(action="membership.invited")
    assert event.actor_kind == "api_key"
    assert event.actor_label.startswith("API key aap_")


def test_admin_key_cannot_make_an_owner(api, make_key, org_a, bob):
    membership = Membership.objects.get(user=bob, organisation=org_a)
    response = api(ORG_A_HOST, key=make_key(org_a, scopes=["admin"])).patch(
        f"/api/v1/members/{membership.pk}/", {"role": "owner"}, headers={"If-Match": "*"}
    )
    assert_problem(response, 403, "permission_denied")


def test_member_of_another_organisation_is_not_found_here(api, alice, bob, org_b):
    membership_in_b = Membership.objects.get(user=bob, organisation=org_b)
    response = api(ORG_A_HOST, user=alice).get(f"/api/v1/members/{membership_in_b.pk}/")
    assert_problem(response, 404)


def test_admin_removes_a_member(api, alice, bob, org_a):
    membership = Membership.objects.get(user=bob, organisation=org_a)
    response = api(ORG_A_HOST, user=alice).delete(f"/api/v1/members/{membership.pk}/")
    assert response.status_code == 204
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_last_owner_cannot_be_demoted(api, cast, org_a):
    owner = Membership.objects.get(user=cast.owner_a, organisation=org_a)
    response = api(ORG_A_HOST, user=cast.owner_a).patch(
        f"/api/v1/members/{owner.pk}/", {"role": "viewer"}, headers={"If-Match": "*"}
    )
    assert_problem(response, 409, "last_owner")
