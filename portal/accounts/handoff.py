"""Carrying a login from one host to another (the organisation switcher).

Each host keeps its own session cookie unless SESSION_COOKIE_DOMAIN is shared. A hand-over is a
handshake that the *target* host starts, so that the login lands only in the browser that asked:

1. the target host puts a random nonce in the browser's session there (``handoff_begin``) and
   sends the browser back to the source host with it;
2. the source host, where the person is logged in, signs a token naming the person, the target
   host and that nonce, and has the browser POST it to the target host (never in a URL, so never
   in an access log);
3. the target host accepts it once, within a minute, for its own host, and only if the nonce is
   the one in *this* browser's session.

A token the attacker obtained for their own account is bound to the attacker's nonce and is
refused in anyone else's browser (issue 14 item 5: the old GET token logged a victim in). The
token carries an HMAC of the nonce and the session auth hash (``salted_hmac``), never part of the
password hash, so a password change invalidates tokens in flight.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac

from portal.accounts.models import User

_SALT = "portal.accounts.handoff"
MAX_AGE_SECONDS = 60
NONCE_SESSION_KEY = "portal_handoff_nonce"


@dataclass(frozen=True)
class HandOver:
    user: User
    # The second factor the source session verified and when the person last authenticated: the
    # target session inherits both, and a switch never counts as a fresh log-in.
    otp_device_id: str
    authenticated_at: float


def handoff_begin(session: Any) -> str:
    """Step 1, on the target host: a nonce kept in this browser's session."""
    nonce = secrets.token_urlsafe(24)
    session[NONCE_SESSION_KEY] = {"n": nonce, "t": time.time()}
    return nonce


def _binding(nonce: str, user: User) -> str:
    return salted_hmac(_SALT, f"{nonce}:{user.get_session_auth_hash()}").hexdigest()


def handoff_token_issue(
    *,
    user: User,
    target_host: str,
    nonce: str,
    otp_device_id: str = "",
    authenticated_at: float | None = None,
) -> str:
    """Step 2, on the source host, for the person logged in there."""
    payload = {
        "u": user.pk,
        "h": target_host,
        "b": _binding(nonce, user),
        "d": otp_device_id,
        "t": authenticated_at or 0,
    }
    return signing.dumps(payload, salt=_SALT)


def handoff_token_redeem(*, token: str, host: str, session: Any) -> HandOver | None:
    """Step 3, on the target host. The nonce is taken out of the session whatever the outcome."""
    pending = session.pop(NONCE_SESSION_KEY, None)
    if not pending or time.time() - float(pending.get("t", 0)) > MAX_AGE_SECONDS:
        return None
    try:
        payload = signing.loads(token, salt=_SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if payload.get("h") != host:
        return None
    user = User.objects.filter(pk=payload.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(
        payload.get("b", ""), _binding(pending["n"], user)
    ):
        return None
    # Single use even within the minute (a second tab that raced the first).
    if not cache.add(f"handoff:{payload['b']}", 1, timeout=MAX_AGE_SECONDS * 2):
        return None
    return HandOver(
        user=user,
        otp_device_id=str(payload.get("d") or ""),
        authenticated_at=float(payload.get("t") or 0),
    )
