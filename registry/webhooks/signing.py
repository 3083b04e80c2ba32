"""Signatures of webhook deliveries, after the Standard Webhooks specification
(standardwebhooks.com), so receivers can check them with its maintained libraries:

    webhook-id: <the event's id, the same on every retry: deduplicate on it>
    webhook-timestamp: <unix seconds>
    webhook-signature: v1,<base64 of HMAC-SHA256(key, f"{id}.{timestamp}.{body}")>

where the key is the base64-decoded part of the endpoint's secret after `whsec_`. The id and the
timestamp are signed with the body, so a receiver that rejects old timestamps (5 minutes) is safe
from replays, and a signature cannot be moved to another delivery.

Deprecated, sent for one more release (README, Webhooks; docs/api-changelog.md):
`Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret as text, f"{t}.{body}")>`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import time

SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix, not a secret
ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"
LEGACY_HEADER = "Portal-Signature"
HEADER = LEGACY_HEADER  # the old name of the old header
TOLERANCE_SECONDS = 300


def secret_new() -> str:
    """A new endpoint's secret: `whsec_` and 32 random bytes in standard base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signing_key(secret: str) -> bytes:
    """The HMAC key of a secret. Secrets issued before the Standard Webhooks signatures are
    URL-safe base64 (`-` and `_`); read as such they give the same key a receiver gets from the
    secret with `-` → `+` and `_` → `/` (README, Webhooks)."""
    encoded = secret.removeprefix(SECRET_PREFIX).replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("A webhook secret is whsec_ followed by base64.") from None


def standard_signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    message = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(signing_key(secret), message, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def delivery_headers(
    secret: str, msg_id: str, body: bytes, *, timestamp: int | None = None
) -> dict[str, str]:
    """The signature headers of one delivery attempt: the Standard Webhooks three and, for one
    release more, the old `Portal-Signature` over the same timestamp."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return {
        ID_HEADER: msg_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: standard_signature(secret, msg_id, timestamp, body),
        LEGACY_HEADER: signature_header(secret, body, timestamp=timestamp),
    }


# --- Deprecated: the `Portal-Signature` header ------------------------------------------------


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, *, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def signature_verify(
    secret: str, header: str, body: bytes, *, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """What a receiver of the old header does (the tests use it)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    return hmac.compare_digest(parts.get("v1", ""), signature(secret, timestamp, body))
