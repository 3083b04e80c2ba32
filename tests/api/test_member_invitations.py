"""POST /api/v1/members/ invites by e-mail through the service the settings page uses
(portal.accounts.invitations.member_invite): an invitation the person accepts, and an answer that
does not tell who has an account (issue 14 item 4)."""

from __future__ import annotations

import re

from django_tenants.utils import tenant_context

from portal.accounts.models import Invitation, Membership, User
from portal.audit.models import AuditEvent
from tests.api.helpers import ORG_A_HOST, assert_problem

INVITE = "/api/v1/members/"


def _actions(org) -> list[str]:  # type: ignore[no-untyped-def]
    with tenant_context(org):
        return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_address_without_an_account_gets_an_invitation_and_nothing_else(
    api, alice, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    users, members = User.objects.count(), Membership.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = api(ORG_A_HOST, user=alice).post(
            INVITE, {"email": "Nina@New.test", "role": "editor"}
        )
    assert response.status_code == 202, response.content
    # Issue 14 item 4: no account and no membership before the person accepts.
    assert (User.objects.count(), Membership.objects.count()) == (users, members)
    invitation = Invitation.objects.get(organisation=org_a, email="nina@new.test")
    assert invitation.role == "editor" and response.json()["id"] == invitation.pk
    assert response.json()["expires_at"]
    (mail,) = mailoutbox
    assert mail.to == ["nina@new.test"] and "Acme AI SE" in mail.subject
    assert re.search(r"http://acme\.localhost\S+/accounts/invitation/\S+/", mail.body)


def test_an_existing_account_is_not_made_a_member_without_its_consent(
    api, alice, carol, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(ORG_A_HOST, user=alice).post(
            INVITE, {"email": carol.email, "role": "viewer"}
        )
    assert response.status_code == 202
    assert not Membership.objects.filter(user=carol, organisation=org_a).exists()


def test_answers_for_an_existing_and_a_new_address_look_the_same(
    api, alice, carol, org_a, django_capture_on_commit_callbacks
):
    client = api(ORG_A_HOST, user=alice)
    with django_capture_on_commit_callbacks(execute=True):
        existing = client.post(INVITE, {"email": carol.email, "role": "viewer"})
        new = client.post(INVITE, {"email": "nobody-yet@new.test", "role": "viewer"})
    assert existing.status_code == new.status_code == 202
    assert existing["Content-Type"] == new["Content-Type"]
    assert set(existing.headers) == set(new.headers)
    first, second = existing.json(), new.json()
    assert set(first) == set(second) == {"id", "email", "role", "created_at", "expires_at"}
    assert {k: type(v) for k, v in first.items()} == {k: type(v) for k, v in second.items()}
    assert first["email"] == carol.email and second["email"] == "nobody-yet@new.test"
    assert carol.full_name and carol.full_name.encode() not in existing.content
    assert b"full_name" not in existing.content + new.content


def test_bad_address_is_refused_and_nothing_is_written(api, alice, org_a, mailoutbox):
    users, members, events = User.objects.count(), Membership.objects.count(), _actions(org_a)
    response = api(ORG_A_HOST, user=alice).post(
        INVITE, {"email": "not-an-address", "role": "viewer"}
    )
    body = assert_problem(response, 400, "validation_failed")
    assert "email" in body["errors"]
    assert (User.objects.count(), Membership.objects.count()) == (users, members)
    assert _actions(org_a) == events and mailoutbox == []


def test_web_and_api_invitations_leave_the_same_trail_and_mail(
    api, host_client, alice, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    before = len(_actions(org_a))
    with django_capture_on_commit_callbacks(execute=True):
        web = host_client("acme.localhost", user=alice).post(
            "/settings/members/", {"email": "by-web@new.test", "role": "viewer"}
        )
    assert web.status_code == 302
    web_trail = _actions(org_a)[before:]
    with django_capture_on_commit_callbacks(execute=True):
        response = api(ORG_A_HOST, user=alice).post(
            INVITE, {"email": "by-api@new.test", "role": "viewer"}
        )
    assert response.status_code == 202, response.content
    api_trail = _actions(org_a)[before + len(web_trail) :]
    assert web_trail == api_trail == ["membership.invited"]
    by_web, by_api = mailoutbox
    assert (by_web.to, by_api.to) == (["by-web@new.test"], ["by-api@new.test"])
    assert by_web.subject == by_api.subject


def test_inviting_a_member_again_is_a_conflict(api, alice, bob):
    response = api(ORG_A_HOST, user=alice).post(INVITE, {"email": bob.email, "role": "viewer"})
    assert_problem(response, 409, "already_member")
