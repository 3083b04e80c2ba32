"""Carrying a login from one host to another (the organisation switcher).

Each host keeps its own session cookie unless SESSION_COOKIE_DOMAIN is shared. The switcher signs
a token naming the user and the target host; the target host accepts it once, within a minute,
and only for the host it names. A token seen twice is refused (the nonce is burned in the cache).
"""

from __future__ import annotations

import secrets

from django.core import signing
from django.core.cache import cache

from portal.accounts.models import User

_SALT = "portal.accounts.handoff"
MAX_AGE_SECONDS = 60


def handoff_token_issue(*, user: User, target_host: str) -> str:
    payload = {
        "u": user.pk,
        "h": target_host,
        "n": secrets.token_urlsafe(16),
        "p": user.password[-12:],
    }  # a password change invalidates tokens in flight
    return signing.dumps(payload, salt=_SALT)


def handoff_token_redeem(*, token: str, host: str) -> User | None:
    try:
        payload = signing.loads(token, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if payload.get("h") != host:
        return None
    if not cache.add(f"handoff:{payload['n']}", 1, timeout=MAX_AGE_SECONDS * 2):
        return None
    user = User.objects.filter(pk=payload["u"], is_active=True).first()
    if user is None or user.password[-12:] != payload.get("p"):
        return None
    return user
