"""Second factors of the cast (tests/cast.py) and of test clients.

Everyone in the cast whose role needs a second factor has an authenticator with ``CAST_TOTP_KEY``.
Its tolerance is wide (test devices only) so that a test can always compute a code the device has
not accepted yet, however many log-ins happened within the same 30 seconds: ``next_code``.
"""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.authn import OTP_DEVICE_KEY, mark_authenticated
from portal.accounts.models import User

CAST_TOTP_KEY = "3132333435363738393031323334353637383930"  # RFC 6238's test key
_TOLERANCE = 40


def cast_authenticator_ensure(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(
        user=user, name="authenticator", key=CAST_TOTP_KEY, tolerance=_TOLERANCE, confirmed=True
    )


def code_for(key_hex: str, *, after: int = 0) -> str:
    """A TOTP code of ``key_hex`` for now, or for the first step after ``after`` (a device's
    ``last_t``) when that is later: django-otp refuses a step it has already accepted."""
    step = max(int(time.time()) // 30, after + 1)
    return f"{hotp(bytes.fromhex(key_hex), step):06d}"


def next_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return code_for(device.key, after=device.last_t)


def second_factor_passed(client: Client, user: User) -> Any:
    """Mark a test client's session as having passed the second factor just now (what the log-in
    form does, for tests that use ``force_login``)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session[OTP_DEVICE_KEY] = device.persistent_id
    mark_authenticated(session)
    session.save()
    return client
