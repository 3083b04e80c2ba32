"""Who is calling: an API key (`Authorization: Bearer aap_…`) or a browser session.

A key is valid only where it belongs: an organisation's key on that organisation's host, an
authority's key on the public host. Anywhere else it is answered exactly like a key that does not
exist (same status, same body), so a key cannot be used to probe which organisation it opens.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication
from rest_framework.request import Request

from portal.accounts.api_keys import api_key_authenticate, api_key_touch
from portal.accounts.models import ApiKey
from portal.api.exceptions import AUTHENTICATE_HEADER


def _on_public_host() -> bool:
    return connection.schema_name == settings.PUBLIC_SCHEMA_NAME


def key_fits_this_host(api_key: ApiKey) -> bool:
    if _on_public_host():
        return api_key.authority_id is not None
    tenant = getattr(connection, "tenant", None)
    if api_key.organisation_id is None or api_key.organisation_id != getattr(tenant, "pk", None):
        return False
    api_key.organisation = tenant  # the row the request already has: no query to read it again
    return True


class ApiKeyAuthentication(BaseAuthentication):
    """Sets request.user to AnonymousUser and request.auth to the ApiKey: code that reads
    request.user can never mistake a key for the person who created it. Use request.actor."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[AnonymousUser, ApiKey] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        keyword, _, token = header.partition(" ")
        if keyword.lower() != self.keyword.lower():
            return None
        token = token.strip()
        api_key = api_key_authenticate(token, with_authority=_on_public_host()) if token else None
        if api_key is None or not key_fits_this_host(api_key):
            raise exceptions.AuthenticationFailed()
        api_key_touch(api_key)
        return AnonymousUser(), api_key

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (not 403) when credentials are missing.
        return AUTHENTICATE_HEADER


class CsrfSessionAuthentication(SessionAuthentication):
    """The browser's session, with Django's CSRF check on unsafe methods (DRF's behaviour),
    refused with the stable code `csrf_failed`."""

    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc.detail), code="csrf_failed") from None
