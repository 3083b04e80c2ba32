"""Two-factor authentication (issue 14 item 2): who needs it, the log-in's second step,
enrolment at the first log-in, recovery codes, and a fresh second factor before sensitive steps."""

from __future__ import annotations

import time
import uuid

from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.authn import AUTHENTICATED_AT_KEY
from portal.accounts.models import ApiKey, Membership, Role, User
from portal.accounts.two_factor import second_factor_required
from portal.audit.models import AuditEvent
from tests.cast import PASSWORD
from tests.two_factor import cast_authenticator_ensure, code_for, next_code

LOGIN = "/accounts/login/"
VERIFY = "/accounts/two-factor/"
SETUP = "/accounts/two-factor/setup/"


def _password(client, email: str):  # type: ignore[no-untyped-def]
    return client.post(LOGIN, {"username": email, "password": PASSWORD}, REMOTE_ADDR="10.9.0.1")


def _person(org, role: str) -> User:  # type: ignore[no-untyped-def]
    user = User.objects.create_user(email=f"{uuid.uuid4().hex[:10]}@acme.test", password=PASSWORD)
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


def test_who_needs_a_second_factor(cast):  # type: ignore[no-untyped-def]
    assert second_factor_required(cast.owner_a)
    assert second_factor_required(cast.alice)  # administrator
    assert second_factor_required(cast.regulator)  # any authority member
    assert not second_factor_required(cast.bob)  # editor and viewer
    assert not second_factor_required(cast.carol)


def test_the_password_alone_logs_an_administrator_in_nowhere(host_client, alice):  # type: ignore[no-untyped-def]
    client = host_client("acme.localhost")
    response = _password(client, alice.email)
    assert response.status_code == 302 and response["Location"] == VERIFY
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302  # the workspace sends them to log in
    assert client.get("/api/v1/me").status_code in (401, 403)


def test_a_wrong_code_is_refused_next_to_the_field_and_logs_no_one_in(host_client, alice):  # type: ignore[no-untyped-def]
    client = host_client("acme.localhost")
    _password(client, alice.email)
    response = client.post(VERIFY, {"token": "000000"})
    assert response.status_code == 422
    assert b"That code is not valid" in response.content
    assert b'id="id_token_error"' in response.content
    assert "_auth_user_id" not in client.session


def test_the_code_from_the_authenticator_logs_in(host_client, alice):  # type: ignore[no-untyped-def]
    client = host_client("acme.localhost")
    _password(client, alice.email)
    response = client.post(VERIFY, {"token": next_code(alice)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert client.get("/").status_code == 200
    # The same code again (replay) is refused: django-otp remembers the step it accepted.
    replay = host_client("acme.localhost")
    _password(replay, alice.email)
    device = TOTPDevice.objects.get(user=alice)
    used = code_for(device.key, after=device.last_t - 1)
    assert replay.post(VERIFY, {"token": used}).status_code == 422


def test_an_editor_logs_in_with_the_password_until_the_organisation_asks_for_more(  # type: ignore[no-untyped-def]
    host_client, cast
):
    editor = _person(cast.org_a, Role.EDITOR)
    client = host_client("acme.localhost")
    assert _password(client, editor.email)["Location"] == "/"
    cast.org_a.two_factor_all_members = True
    cast.org_a.save(update_fields=["two_factor_all_members"])
    client = host_client("acme.localhost")
    assert _password(client, editor.email)["Location"] == SETUP


def test_first_log_in_enrols_and_a_recovery_code_works_once(host_client, cast):  # type: ignore[no-untyped-def]
    owner = _person(cast.org_a, Role.OWNER)
    client = host_client("acme.localhost")
    assert _password(client, owner.email)["Location"] == SETUP
    page = client.get(SETUP)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert b"<svg" in page.content
    secret_hex = TOTPDevice.objects.get(user=owner, confirmed=False).key
    done = client.post(SETUP, {"token": code_for(secret_hex)})
    assert done.status_code == 200 and done["Cache-Control"] == "no-store"
    codes = done.context["codes"]
    assert len(codes) == 10 and client.session["_auth_user_id"] == str(owner.pk)
    connection.set_schema_to_public()
    assert AuditEvent.objects.filter(action="two_factor.enrolled", object_id=str(owner.pk)).exists()

    # The phone is lost: a recovery code logs in, once.
    for expected in (302, 422):
        other = host_client("acme.localhost")
        _password(other, owner.email)
        assert other.post(VERIFY, {"token": codes[0]}).status_code == expected
    connection.set_schema_to_public()
    assert AuditEvent.objects.filter(action="two_factor.recovery_code_used").exists()


def test_a_password_alone_cannot_enrol_a_second_authenticator(host_client, alice):  # type: ignore[no-untyped-def]
    client = host_client("acme.localhost")
    _password(client, alice.email)
    response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"] == VERIFY
    assert not TOTPDevice.objects.filter(user=alice, confirmed=False).exists()


def test_creating_an_api_key_needs_a_fresh_second_factor(host_client, alice):  # type: ignore[no-untyped-def]
    client = host_client("acme.localhost", user=alice)
    session = client.session
    session[AUTHENTICATED_AT_KEY] = time.time() - 16 * 60  # logged in 16 minutes ago
    session.save()
    before = ApiKey.objects.count()
    form = {"name": "ci", "scopes": ["read"]}
    response = client.post(
        "/settings/api-keys/", form, HTTP_REFERER="http://acme.localhost/settings/api-keys/"
    )
    assert response.status_code == 302
    assert response["Location"] == VERIFY + "?next=%2Fsettings%2Fapi-keys%2F"
    assert ApiKey.objects.count() == before
    back = client.post(response["Location"], {"token": next_code(alice)})
    assert back["Location"] == "/settings/api-keys/"
    assert client.post("/settings/api-keys/", form).status_code == 200
    assert ApiKey.objects.count() == before + 1


def test_the_organisation_rule_is_changed_by_an_administrator_and_audited(host_client, cast):  # type: ignore[no-untyped-def]
    client = host_client("acme.localhost", user=cast.alice)
    response = client.post("/settings/members/two-factor/", {"all_members": "on"})
    assert response.status_code == 302
    cast.org_a.refresh_from_db()
    assert cast.org_a.two_factor_all_members
    connection.set_schema(cast.org_a.schema_name)  # the organisation's own trail
    event = AuditEvent.objects.filter(action="organisation.two_factor_policy_changed").latest("id")
    assert event.after == {"two_factor_all_members": True}
    editor = host_client("acme.localhost", user=cast.bob)
    assert editor.post("/settings/members/two-factor/", {}).status_code == 403


def test_support_resets_a_lost_second_factor_and_the_person_enrols_again(host_client, cast):  # type: ignore[no-untyped-def]
    import io

    from django.core.management import call_command

    owner = _person(cast.org_a, Role.OWNER)
    cast_authenticator_ensure(owner)
    out = io.StringIO()
    call_command("two_factor_reset", "--email", owner.email, stdout=out)
    assert "1 device removed" in out.getvalue()
    client = host_client("acme.localhost")
    assert _password(client, owner.email)["Location"] == SETUP
    connection.set_schema_to_public()
    assert AuditEvent.objects.filter(action="two_factor.reset", object_id=str(owner.pk)).exists()


def test_the_admin_has_no_pages_for_second_factors(host_client, cast):  # type: ignore[no-untyped-def]
    from django.contrib import admin
    from django_otp.plugins.otp_static.models import StaticDevice

    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)
