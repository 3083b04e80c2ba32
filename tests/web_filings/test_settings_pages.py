"""Settings pages (administrators and owners): members, invitations, API keys."""

from __future__ import annotations

import re

import pytest

from portal.accounts.models import ApiKey, Membership, User


def test_members_page_lists_members_for_admins(acme):
    body = acme.get("/settings/members/").content.decode()
    assert "alice@acme.test" in body and "bob@both.test" in body and "owner@acme.test" in body


def test_settings_root_leads_to_members(acme):
    response = acme.get("/settings/")
    assert response.status_code == 302 and response["Location"] == "/settings/members/"


def test_adding_an_existing_user_invites_them_and_makes_no_membership_yet(
    acme, org_a, carol, mailoutbox, django_capture_on_commit_callbacks
):
    # Issue 14 item 4: membership by consent; tests/web_filings/test_invitations.py accepts it.
    with django_capture_on_commit_callbacks(execute=True):
        response = acme.post(
            "/settings/members/", {"email": "Carol@Nowhere.test", "role": "viewer"}
        )
    assert response.status_code == 302
    assert not Membership.objects.filter(user=carol, organisation=org_a).exists()
    (mail,) = mailoutbox
    assert mail.to == [carol.email] and "/accounts/invitation/" in mail.body
    assert carol.email in acme.get("/settings/members/").content.decode()


def test_invalid_email_is_refused_next_to_the_field(acme):
    response = acme.post("/settings/members/", {"email": "not-an-address", "role": "editor"})
    assert response.status_code == 422
    assert 'id="id_email_error"' in response.content.decode()


def test_adding_a_member_twice_is_refused(acme, bob):
    response = acme.post("/settings/members/", {"email": bob.email, "role": "viewer"})
    assert response.status_code == 422
    assert "already a member" in response.content.decode()


def test_admin_changes_a_role_and_removes_a_member(acme, org_a, bob):
    membership = Membership.objects.get(user=bob, organisation=org_a)
    response = acme.post(
        f"/settings/members/{membership.pk}/role/", {f"m{membership.pk}-role": "viewer"}
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "viewer"
    assert acme.post(f"/settings/members/{membership.pk}/remove/").status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_admin_cannot_remove_the_owner(acme, org_a, cast):
    owner = Membership.objects.get(user=cast.owner_a, organisation=org_a)
    response = acme.post(f"/settings/members/{owner.pk}/remove/")
    assert response.status_code == 403
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_another_organisations_membership_cannot_be_touched(acme, org_b, bob):
    other = Membership.objects.get(user=bob, organisation=org_b)
    assert acme.post(f"/settings/members/{other.pk}/remove/").status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_api_key_is_shown_once_then_only_its_prefix(acme, org_a):
    response = acme.post(
        "/settings/api-keys/",
        {"name": "CI", "scopes": ["read", "submit"], "expires_on": "2099-01-01"},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    key = ApiKey.objects.get(organisation=org_a, name="CI")
    plaintext = re.search(r'value="(aap_[^"]+)"', response.content.decode()).group(1)
    assert plaintext.startswith(key.prefix) and key.scopes == ["read", "submit"]
    later = acme.get("/settings/api-keys/").content.decode()
    assert key.prefix in later and plaintext not in later


def test_api_key_without_scopes_is_refused_and_nothing_created(acme, org_a):
    response = acme.post("/settings/api-keys/", {"name": "CI"})
    assert response.status_code == 422
    assert 'id="id_scopes_error"' in response.content.decode()
    response = acme.post(
        "/settings/api-keys/", {"name": "CI", "scopes": ["read"], "expires_on": "2001-01-01"}
    )
    assert response.status_code == 422
    assert 'id="id_expires_on_error"' in response.content.decode()
    assert not ApiKey.objects.filter(organisation=org_a).exists()


def test_revoking_a_key(acme, org_a):
    acme.post("/settings/api-keys/", {"name": "CI", "scopes": ["read"]})
    key = ApiKey.objects.get(organisation=org_a)
    assert acme.post(f"/settings/api-keys/{key.pk}/revoke/").status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None


@pytest.mark.parametrize("path", ["/settings/", "/settings/members/", "/settings/api-keys/"])
def test_only_admins_and_owners_open_settings(path, host_client, bob, carol, cast):
    assert host_client("acme.localhost", user=bob).get(path).status_code == 403
    assert host_client("acme.localhost", user=carol).get(path).status_code == 403
    assert host_client("acme.localhost", user=cast.owner_b).get(path).status_code == 403
    assert host_client("acme.localhost").get(path).status_code == 302
    # The owner gets the page itself (/settings/ leads to the members page), not the log-in.
    response = host_client("acme.localhost", user=cast.owner_a).get(path, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain in ([], [("/settings/members/", 302)])
    assert response.request["PATH_INFO"].startswith("/settings/")


def test_editor_cannot_invite(host_client, bob, org_a):
    client = host_client("acme.localhost", user=bob)
    response = client.post("/settings/members/", {"email": "x@new.test", "role": "owner"})
    assert response.status_code == 403
    assert not User.objects.filter(email="x@new.test").exists()
