"""What a session knows about how its person authenticated: when (for re-authentication before
sensitive steps) and with which second factor (django-otp's session key)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

AUTHENTICATED_AT_KEY = "portal_authenticated_at"
OTP_DEVICE_KEY = "otp_device_id"  # django_otp.DEVICE_ID_SESSION_KEY


def authenticated_at(session: Any) -> float:
    return float(session.get(AUTHENTICATED_AT_KEY) or 0)


def mark_authenticated(session: Any, at: float | None = None) -> None:
    session[AUTHENTICATED_AT_KEY] = at if at is not None else time.time()


@receiver(user_logged_in, dispatch_uid="portal.accounts.authn.stamp")
def _stamp_login(sender: Any, request: Any, user: Any, **_: Any) -> None:
    # Every log-in is an authentication now; the organisation switcher overwrites the stamp with
    # the source session's, so switching hosts never counts as authenticating again.
    if request is not None and hasattr(request, "session"):
        mark_authenticated(request.session)
