"""Where a webhook may point. Deliveries are requests our servers make on an organisation's
behalf, so an endpoint must not reach into our own network (SSRF): in production, addresses
that are private, loopback, link-local, multicast, reserved or unspecified are refused, when the
endpoint is registered and again before every delivery (DNS may have changed in between).
Development and the tests (a receiver on 127.0.0.1) allow them: settings.DEBUG or
WEBHOOKS_ALLOW_PRIVATE."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


def _private_allowed() -> bool:
    return bool(settings.DEBUG or getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", False))


def _is_internal(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def webhook_url_problem(url: str) -> str | None:
    """Why `url` may not receive webhooks, or None when it may."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "Not a valid URL."
    if parts.scheme not in ("http", "https"):
        return "Use an http or https URL."
    if not parts.hostname:
        return "The URL needs a host."
    if parts.username or parts.password:
        return "Credentials in the URL are not allowed; authenticate by the signature."
    if _private_allowed():
        return None
    try:
        infos = socket.getaddrinfo(parts.hostname, port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return "The host name does not resolve."
    if not infos or any(_is_internal(str(info[4][0])) for info in infos):
        return "The URL points at a private, loopback or reserved address."
    return None
