"""The demo people's second factor (`make run`; portal/demo.py enrols them with it).

The demo people whose role needs a second factor (portal.accounts.two_factor) share this one
authenticator key, printed by `make run`; `make demo-code` prints its current code. Demo only:
anyone who reads this file can compute the codes. No Django needed to run it.
"""

from __future__ import annotations

import base64

from django_otp.oath import totp

DEMO_TOTP_KEY = b"demo-portal-2026-2fa"


def demo_totp_secret() -> str:
    """The key as authenticator apps take it (base32)."""
    return base64.b32encode(DEMO_TOTP_KEY).decode()


def demo_totp_code() -> str:
    return f"{totp(DEMO_TOTP_KEY):06d}"


if __name__ == "__main__":
    print(demo_totp_code())
