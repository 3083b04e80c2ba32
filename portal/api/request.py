"""The request every portal API view receives (portal.api.views builds it instead of DRF's).

The fail-closed base decides who is asking once, in check_access, and records it here; views and
services read `request.actor` rather than `request.user`, which never holds an API key. Declaring
the attributes on a class of their own lets the type checker follow them instead of each view
silencing it."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rest_framework.request import Request

if TYPE_CHECKING:
    from portal.accounts.models import ApiKey, Authority, AuthorityMembership, Membership, User


class RateLimit(NamedTuple):
    """The caller's rate-limit window after this request (portal.api.throttling)."""

    limit: int
    remaining: int
    reset: int  # seconds until the window ends


class PortalRequest(Request):
    # Who is acting: the signed-in person, or the API key (never both); None before check_access.
    actor: User | ApiKey | None = None
    api_key: ApiKey | None = None
    # Organisation host: the person's membership of this organisation (None for a key).
    membership: Membership | None = None
    # Public host, regulator API: the authority acted for, and the person's membership of it.
    authority: Authority | None = None
    authority_membership: AuthorityMembership | None = None
    # Set by the throttle; sent back as the RateLimit-* headers.
    rate_limit: RateLimit | None = None
