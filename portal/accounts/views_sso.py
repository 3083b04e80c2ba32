"""Log in with an authority's identity provider (portal.accounts.sso), on the public host only:
the regulator console lives there, and the provider knows only that host's callback."""

from __future__ import annotations

import logging

import requests
from authlib.common.errors import AuthlibBaseError
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from portal.accounts.models import Authority
from portal.accounts.sso import authority_sso_get, sso_client, sso_member
from portal.accounts.views_two_factor import login_pending_start, safe_next
from portal.errors import Forbidden

logger = logging.getLogger(__name__)
NEXT_KEY = "portal_sso_next"
_PROVIDER_ERRORS = (AuthlibBaseError, requests.RequestException, ValueError, KeyError)


def on_public_host(request: HttpRequest) -> bool:
    tenant = getattr(request, "tenant", None)
    return tenant is None or tenant.schema_name == settings.PUBLIC_SCHEMA_NAME


def _authority(request: HttpRequest, slug: str) -> Authority:
    authority = authority_sso_get(slug)
    if authority is None or not on_public_host(request):
        raise Http404("No sign-on for this authority here.")
    return authority


def _failed(request: HttpRequest, authority: Authority, status: int) -> HttpResponse:
    return render(request, "accounts/sso_failed.html", {"authority": authority}, status=status)


def sso_begin(request: HttpRequest, slug: str) -> HttpResponse:
    authority = _authority(request, slug)
    request.session[NEXT_KEY] = safe_next(request, request.GET.get("next", "")) or "/"
    callback = request.build_absolute_uri(reverse("accounts:sso_callback", args=[slug]))
    try:
        return sso_client(authority).authorize_redirect(request, callback)
    except _PROVIDER_ERRORS:
        logger.warning("identity provider of %s unreachable", slug, exc_info=True)
        return _failed(request, authority, 502)


def sso_callback(request: HttpRequest, slug: str) -> HttpResponse:
    authority = _authority(request, slug)
    try:
        token = sso_client(authority).authorize_access_token(request)
    except _PROVIDER_ERRORS:
        # A forged or replayed state, a code the provider refuses, a bad ID token: nothing is
        # logged in, and the reason stays in the log, not on the page.
        logger.warning("sign-on with %s failed", slug, exc_info=True)
        return _failed(request, authority, 400)
    claims = dict(token.get("userinfo") or {})
    if claims.get("iss") != authority.oidc_issuer:
        return _failed(request, authority, 400)
    try:
        user = sso_member(authority=authority, claims=claims)
    except Forbidden as refusal:
        return render(
            request,
            "accounts/sso_refused.html",
            {"authority": authority, "reason": refusal.message},
            status=403,
        )
    user.backend = "django.contrib.auth.backends.ModelBackend"  # type: ignore[attr-defined]
    # The portal's second factor comes next (every authority member has one).
    return login_pending_start(request, user, str(request.session.pop(NEXT_KEY, "/")))
