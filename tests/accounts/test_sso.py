"""Single sign-on for authorities (issue 14 item 3) against a real OpenID Connect provider on
loopback (django-oauth-toolkit, tests/sso_idp): members are mapped to their AuthorityMembership
by a verified e-mail, nobody else gets in and no account is ever made; the portal's second
factor follows."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.db import connection

from portal.accounts.models import Authority, User
from portal.accounts.sso import authority_sso_configure
from portal.audit.models import AuditEvent
from portal.errors import ValidationFailed
from tests.sso_idp.client import sign_in_at_provider
from tests.sso_idp.process import Person, Provider, start_provider
from tests.two_factor import next_code

IDP_PASSWORD = "idp-password-2026"
CALLBACK = "http://localhost/accounts/sso/de-msa/callback/"


@pytest.fixture(scope="module")
def provider(tmp_path_factory) -> Iterator[Provider]:  # type: ignore[no-untyped-def]
    started = start_provider(
        tmp_path_factory.mktemp("idp"),
        redirect_uris=[CALLBACK],
        people=[
            Person("regulator@msa.test", IDP_PASSWORD),
            Person("stranger@msa.test", IDP_PASSWORD),
            Person("new-reviewer@msa.test", IDP_PASSWORD),  # granted, no authenticator yet
            Person("lead@ai-office.test", IDP_PASSWORD),  # a member of another authority
            Person("regulator@msa.test", IDP_PASSWORD, verified=False, username="unverified"),
        ],
    )
    yield started
    started.stop()


@pytest.fixture
def msa(cast, provider) -> Authority:  # type: ignore[no-untyped-def]
    authority = Authority.objects.get(slug="de-msa")
    return authority_sso_configure(
        actor=None,
        authority=authority,
        issuer=provider.issuer,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
    )


def _sign_on(client, provider: Provider, username: str):  # type: ignore[no-untyped-def]
    begin = client.get("/accounts/sso/de-msa/")
    assert begin.status_code == 302
    back = sign_in_at_provider(provider, begin["Location"], username, IDP_PASSWORD)
    assert back.startswith(CALLBACK)
    parts = urlsplit(back)
    return client.get(f"{parts.path}?{parts.query}")


def test_a_member_signs_on_then_passes_the_portal_second_factor(host_client, msa, provider, cast):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    login_page = client.get("/accounts/login/")
    assert b"Log in with the sign-on of German MSA (test)" in login_page.content
    response = _sign_on(client, provider, "regulator@msa.test")
    assert response.status_code == 302 and response["Location"] == "/accounts/two-factor/"
    assert "_auth_user_id" not in client.session  # not before the second factor
    done = client.post("/accounts/two-factor/", {"token": next_code(cast.regulator)})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.regulator.pk)
    assert client.get("/regulator/").status_code == 200
    connection.set_schema_to_public()
    assert AuditEvent.objects.filter(action="login.sso", actor_id=cast.regulator.pk).exists()


def test_a_member_without_an_authenticator_enrols_one_after_signing_on(host_client, msa, provider):  # type: ignore[no-untyped-def]
    from portal.accounts.models import AuthorityMembership

    user = User.objects.create_user(email="new-reviewer@msa.test", password=None)
    AuthorityMembership.objects.create(user=user, authority=msa, role="reviewer")
    client = host_client("localhost")
    response = _sign_on(client, provider, "new-reviewer@msa.test")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/two-factor/setup/"
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("username", "said"),
    [
        ("stranger@msa.test", b"No reviewer of German MSA (test) has this e-mail address"),
        ("lead@ai-office.test", b"No reviewer of German MSA (test) has this e-mail address"),
        ("unverified", b"has not verified your e-mail address"),
    ],
)
def test_who_is_not_a_verified_member_of_this_authority_is_refused_and_nothing_is_made(  # type: ignore[no-untyped-def]
    host_client, msa, provider, username, said
):
    users_before = User.objects.count()
    client = host_client("localhost")
    response = _sign_on(client, provider, username)
    assert response.status_code == 403
    assert said in response.content
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users_before
    connection.set_schema_to_public()
    assert AuditEvent.objects.filter(action="login.sso_refused").exists()


def test_a_callback_with_a_forged_state_logs_no_one_in(host_client, msa):  # type: ignore[no-untyped-def]
    client = host_client("localhost")
    response = client.get("/accounts/sso/de-msa/callback/?code=stolen&state=forged")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_configuring_is_audited_without_the_secret_and_needs_https(cast, msa, provider):  # type: ignore[no-untyped-def]
    connection.set_schema_to_public()
    event = AuditEvent.objects.filter(action="authority.sso_configured").latest("id")
    assert event.after["issuer"] == provider.issuer
    assert provider.client_secret not in str(event.after) + str(event.before)
    with pytest.raises(ValidationFailed) as refused:
        authority_sso_configure(
            actor=None, authority=msa, issuer="http://idp.example.eu", client_id="x"
        )
    assert "issuer" in refused.value.field_errors
    msa.refresh_from_db()
    assert msa.oidc_issuer == provider.issuer  # nothing changed
    with pytest.raises(Exception, match="support staff"):
        authority_sso_configure(
            actor=cast.regulator, authority=msa, issuer=provider.issuer, client_id="y"
        )
