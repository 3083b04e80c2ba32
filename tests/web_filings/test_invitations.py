"""portal.accounts.invitations: membership by consent (issue 14 item 4). Inviting writes an
invitation and sends a link, nothing else; the person becomes a member only by accepting it, with
the account they have or the one they create then."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from portal.accounts.invitations import (
    invitation_resend,
    invitation_withdraw,
    member_invite,
)
from portal.accounts.models import Invitation, Membership, User
from portal.errors import Conflict, Forbidden, ValidationFailed

HOST = "acme.localhost"
STRONG = "a long and unusual passphrase 7"


def _invite(alice, org_a, capture, email="new@x.test", role="editor"):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return member_invite(actor=alice, organisation=org_a, email=email, role=role)


def _link(mail) -> str:  # type: ignore[no-untyped-def]
    (url,) = re.findall(r"http://acme\.localhost\S*/accounts/invitation/\S+/", mail.body)
    return url[url.index("/accounts/") :]


def test_inviting_creates_no_account_and_no_membership_only_an_invitation_and_its_mail(
    alice, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = _invite(alice, org_a, django_capture_on_commit_callbacks, email="New@X.test")
    assert not User.objects.filter(email__iexact="new@x.test").exists()
    assert invitation.email == "new@x.test" and invitation.accepted_at is None
    assert timedelta(days=6) < invitation.expires_at - invitation.created_at <= timedelta(days=7)
    (mail,) = mailoutbox
    assert mail.to == ["new@x.test"] and "Acme AI SE" in mail.subject
    token = _link(mail).rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash  # only its hash is stored


@pytest.mark.parametrize(
    ("actor", "role", "error"),
    [("bob", "viewer", Forbidden), ("alice", "emperor", ValidationFailed),
     ("alice", "owner", Forbidden)],
)  # fmt: skip
def test_refused_invitations_write_and_send_nothing(cast, org_a, mailoutbox, actor, role, error):  # type: ignore[no-untyped-def]
    with pytest.raises(error):
        member_invite(actor=getattr(cast, actor), organisation=org_a, email="n@x.test", role=role)
    assert not Invitation.objects.exists() and mailoutbox == []


def test_existing_member_is_a_conflict(alice, org_a, bob):
    with pytest.raises(Conflict):
        member_invite(actor=alice, organisation=org_a, email=bob.email, role="viewer")


def test_a_new_address_accepts_by_creating_its_account(
    host_client, alice, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(alice, org_a, django_capture_on_commit_callbacks)
    link = _link(mailoutbox[0])
    client = host_client(HOST)
    page = client.get(link)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "new@x.test" in page.content.decode()

    for bad, field in (({"password2": "something else 9"}, "password2"), ({"password1": "short",
                       "password2": "short"}, "password1")):  # fmt: skip
        body = {"full_name": "Nina New", "password1": STRONG, "password2": STRONG, **bad}
        refused = client.post(link, body)
        assert refused.status_code == 422
        assert f'id="id_{field}_error"' in refused.content.decode()
        assert not User.objects.filter(email="new@x.test").exists()

    accepted = client.post(
        link, {"full_name": "Nina New", "password1": STRONG, "password2": STRONG}
    )
    assert accepted.status_code == 302 and accepted["Location"].startswith("/accounts/login/")
    user = User.objects.get(email="new@x.test")
    assert user.check_password(STRONG) and user.full_name == "Nina New"
    assert Membership.objects.get(user=user, organisation=org_a).role == "editor"
    assert client.get(link).status_code == 404  # used once


def test_an_existing_account_accepts_after_logging_in_as_that_address(
    host_client, alice, carol, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(alice, org_a, django_capture_on_commit_callbacks, email=carol.email, role="viewer")
    link = _link(mailoutbox[0])
    anonymous = host_client(HOST).get(link)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert not Membership.objects.filter(user=carol, organisation=org_a).exists()

    as_carol = host_client(HOST, user=carol)
    assert "Accept the invitation" in as_carol.get(link).content.decode()
    assert not Membership.objects.filter(user=carol, organisation=org_a).exists()
    assert as_carol.post(link).status_code == 302
    assert Membership.objects.get(user=carol, organisation=org_a).role == "viewer"
    assert as_carol.get("/").status_code == 200


def test_someone_logged_in_with_another_address_cannot_accept(
    host_client, alice, carol, cast, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    _invite(alice, org_a, django_capture_on_commit_callbacks, email=carol.email)
    link = _link(mailoutbox[0])
    other = host_client(HOST, user=cast.owner_b)
    assert other.get(link).status_code == 403
    assert other.post(link).status_code == 403
    assert not Membership.objects.filter(user=cast.owner_b, organisation=org_a).exists()
    assert not Membership.objects.filter(user=carol, organisation=org_a).exists()


def test_resending_replaces_the_link_and_withdrawing_or_expiry_ends_it(
    host_client, alice, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = _invite(alice, org_a, django_capture_on_commit_callbacks)
    first = _link(mailoutbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(actor=alice, invitation=invitation)
    second = _link(mailoutbox[1])
    client = host_client(HOST)
    assert client.get(first).status_code == 404 and client.get(second).status_code == 200
    Invitation.objects.update(expires_at=invitation.created_at)
    assert client.get(second).status_code == 404
    invitation_withdraw(actor=alice, invitation=Invitation.objects.get())
    assert not Invitation.objects.exists()
    assert not User.objects.filter(email="new@x.test").exists()


def test_the_settings_page_lists_open_invitations_and_resends_and_withdraws_them(
    host_client, alice, org_a, mailoutbox, django_capture_on_commit_callbacks
):
    client = host_client(HOST, user=alice)
    with django_capture_on_commit_callbacks(execute=True):
        added = client.post("/settings/members/", {"email": "web@x.test", "role": "viewer"})
    assert added.status_code == 302 and len(mailoutbox) == 1
    page = client.get("/settings/members/").content.decode()
    assert "web@x.test" in page and "Invitations not accepted yet" in page
    invitation = Invitation.objects.get(email="web@x.test")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/settings/invitations/{invitation.pk}/resend/")
    assert len(mailoutbox) == 2
    client.post(f"/settings/invitations/{invitation.pk}/withdraw/")
    assert not Invitation.objects.exists()
    assert not Membership.objects.filter(organisation=org_a, user__email="web@x.test").exists()


def test_another_organisations_invitation_cannot_be_touched(
    host_client, alice, cast, org_a, django_capture_on_commit_callbacks
):
    invitation = _invite(alice, org_a, django_capture_on_commit_callbacks)
    other = host_client("globex.localhost", user=cast.owner_b)
    for action in ("resend", "withdraw"):
        assert other.post(f"/settings/invitations/{invitation.pk}/{action}/").status_code == 404
    assert Invitation.objects.get().token_hash == invitation.token_hash
