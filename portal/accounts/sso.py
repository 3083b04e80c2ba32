"""Single sign-on for supervisory authorities through their own OpenID Connect provider.

Authorities keep their staff in their own identity providers (the Commission's EU Login speaks
OpenID Connect). An authority configured with an issuer, a client id and a secret
(``authority_sso_configure``: staff only, audited, the secret never shown back) offers "Log in
with <authority>" on the public host's log-in page.

Who comes back is mapped, never created: the ID token (signature, issuer, audience and nonce
checked by Authlib) must carry an ``email`` with ``email_verified: true``, and that address must
belong to an existing account that holds an ``AuthorityMembership`` of *this* authority. The
role is the one the portal granted (a lead reviewer, Art 49(4) access): nothing the provider says
changes it, and an unknown address is refused with no account made.

The portal's own second factor is still asked after the provider (portal.accounts.two_factor:
every authority member needs one), whatever the provider's ``amr`` claims: the portal cannot
tell how much an authority's provider checked, and one rule is easier to hold.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import schema_context

from portal.accounts.models import Authority, AuthorityMembership, User
from portal.audit.services import audit_record
from portal.errors import Forbidden, ValidationFailed

SCOPES = "openid email profile"


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _issuer_error(issuer: str) -> str | None:
    parts = urlsplit(issuer)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname and _loopback(parts.hostname):
        return None  # a provider on this machine (development, tests)
    return str(_("The issuer must be an https:// URL."))


def authority_sso_configure(
    *,
    actor: User | None,
    authority: Authority,
    issuer: str,
    client_id: str,
    client_secret: str | None = None,
) -> Authority:
    """Set (or, with an empty issuer, turn off) an authority's single sign-on. ``client_secret``
    None keeps the stored one. Support staff only (the admin, ``manage.py authority_sso``)."""
    if actor is not None and not actor.is_staff:
        raise Forbidden(_("Only support staff configure an authority's sign-on."))
    issuer, client_id = issuer.strip().rstrip("/"), client_id.strip()
    errors: dict[str, list[Any]] = {}
    if issuer:
        if error := _issuer_error(issuer):
            errors["issuer"] = [error]
        if not client_id:
            errors["client_id"] = [_("Enter the client id the provider issued.")]
        if not (client_secret or authority.oidc_client_secret):
            errors["client_secret"] = [_("Enter the client secret the provider issued.")]
    if errors:
        raise ValidationFailed(_("The sign-on was not configured."), field_errors=errors)
    with schema_context(settings.PUBLIC_SCHEMA_NAME), transaction.atomic():
        before = {"issuer": authority.oidc_issuer, "client_id": authority.oidc_client_id}
        authority.oidc_issuer = issuer
        authority.oidc_client_id = client_id if issuer else ""
        if not issuer:
            authority.oidc_client_secret = ""
        elif client_secret:
            authority.oidc_client_secret = client_secret
        authority.save(update_fields=["oidc_issuer", "oidc_client_id", "oidc_client_secret"])
        audit_record(
            actor=actor,
            action="authority.sso_configured",
            obj=authority,
            before=before,
            # The secret stays out of the trail: only whether it changed.
            after={
                "issuer": issuer,
                "client_id": authority.oidc_client_id,
                "secret_changed": bool(client_secret) or not issuer,
            },
        )
    return authority


def authorities_with_sso() -> list[Authority]:
    return list(Authority.objects.exclude(oidc_issuer="").order_by("name"))


def authority_sso_get(slug: str) -> Authority | None:
    return Authority.objects.exclude(oidc_issuer="").filter(slug=slug).first()


def sso_client(authority: Authority) -> Any:
    """Authlib's client for this authority's provider (discovery, PKCE, ID-token checks)."""
    return OAuth().register(
        name=f"authority-{authority.slug}",
        client_id=authority.oidc_client_id,
        client_secret=authority.oidc_client_secret,
        server_metadata_url=f"{authority.oidc_issuer}/.well-known/openid-configuration",
        client_kwargs={"scope": SCOPES, "code_challenge_method": "S256", "timeout": 10},
    )


def sso_member(*, authority: Authority, claims: dict[str, Any]) -> User:
    """The existing account the provider's verified e-mail names, if it is a member of this
    authority; otherwise Forbidden and an audit event, and no account is made."""
    email = str(claims.get("email") or "").strip().lower()
    refusal = None
    user = None
    if not email:
        refusal = "no_email"
    elif claims.get("email_verified") is not True:
        refusal = "email_not_verified"
    else:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if (
            user is None
            or not AuthorityMembership.objects.filter(user=user, authority=authority).exists()
        ):
            refusal = "not_an_authority_member"
    with schema_context(settings.PUBLIC_SCHEMA_NAME), transaction.atomic():
        audit_record(
            actor=user if refusal is None else None,
            action="login.sso" if refusal is None else "login.sso_refused",
            obj=authority,
            after={"email": email, "issuer": authority.oidc_issuer, "refusal": refusal or ""},
        )
    if refusal == "email_not_verified":
        raise Forbidden(
            _("Your identity provider has not verified your e-mail address, so it cannot be used."),
            code=refusal,
        )
    if refusal is not None:
        raise Forbidden(
            _(
                "No reviewer of %(authority)s has this e-mail address in the portal. Ask the "
                "portal's support to grant you access."
            )
            % {"authority": authority.name},
            code=refusal,
        )
    assert user is not None
    return user
