"""Signatures of webhook deliveries: HMAC-SHA256 over f"{timestamp}.{body}" with the endpoint's
secret, sent as `Portal-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed too, so a
receiver that rejects old timestamps (e.g. > 5 minutes) is safe from replays."""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "Portal-Signature"
TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, *, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def signature_verify(
    secret: str, header: str, body: bytes, *, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """What a receiver does (examples/ and the tests use it)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    return hmac.compare_digest(parts.get("v1", ""), signature(secret, timestamp, body))
