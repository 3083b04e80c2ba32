"""Where a webhook may point. Deliveries are requests our servers make on an organisation's
behalf, so an endpoint must not reach into our own network or our cloud's (SSRF).

In production only globally routable unicast addresses are allowed (`ipaddress`'s `is_global`,
which leaves out private, loopback, link-local, shared 100.64.0.0/10 with its metadata services,
192.0.0.0/24, documentation and benchmark ranges), and an IPv6 address that carries an IPv4
address (IPv4-mapped, IPv4-compatible, 6to4, NAT64, Teredo) is judged by that IPv4 address too:
a 6to4 gateway or a NAT64 router would deliver it there. The check runs when the endpoint is
registered and again before every delivery, and the delivery connects to exactly the address
that was checked (`resolve_target`): resolving the name a second time would let a DNS server
that answers differently each time (rebinding) send the request to 127.0.0.1.

Development and the tests (a receiver on 127.0.0.1) allow any address: settings.DEBUG or
WEBHOOKS_ALLOW_PRIVATE. The name is still resolved once and the address pinned.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64_PREFIXES = (
    ipaddress.ip_network("64:ff9b::/96"),  # RFC 6052 well-known prefix
    ipaddress.ip_network("64:ff9b:1::/48"),  # RFC 8215 local-use prefix
)
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d (RFC 4291 2.5.5.1)


def _private_allowed() -> bool:
    return bool(settings.DEBUG or getattr(settings, "WEBHOOKS_ALLOW_PRIVATE", False))


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address stands for, where a translator would deliver it."""
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)  # (server, client)
    packed = int(ip)
    if any(ip in prefix for prefix in _NAT64_PREFIXES):
        found.append(ipaddress.IPv4Address(packed & 0xFFFFFFFF))
    if ip in _IPV4_COMPATIBLE and packed > 1:
        found.append(ipaddress.IPv4Address(packed & 0xFFFFFFFF))
    return found


def address_allowed(address: str | IPAddress) -> bool:
    """Whether a webhook delivery may connect to `address` (production rules)."""
    try:
        ip = (
            address
            if isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address)
            else ipaddress.ip_address(str(address).split("%", 1)[0])
        )
    except ValueError:
        return False
    if not ip.is_global or ip.is_multicast:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        # Python < 3.12.4 counts 2002::/16 as global; its embedded address decides.
        return all(address_allowed(inner) for inner in embedded_ipv4(ip))
    return True


@dataclass(frozen=True)
class Target:
    """A checked webhook URL: where to connect (`address`, pinned) and what to ask for."""

    scheme: str
    host: str  # the name from the URL: Host header and TLS server name
    port: int
    address: str  # the checked IP address the delivery connects to
    path: str  # path and query, as sent in the request line


def _parse(url: str) -> tuple[str, str, int, str] | str:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return _("Not a valid URL.")
    if parts.scheme not in ("http", "https"):
        return _("Use an http or https URL.")
    if not parts.hostname:
        return _("The URL needs a host.")
    if parts.username or parts.password:
        return _("Credentials in the URL are not allowed; authenticate by the signature.")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def resolve_target(url: str) -> Target | str:
    """Check `url` and resolve its host once: the Target to connect to, or why not.

    Every address the name resolves to must be allowed (an attacker's name could mix a public
    and an internal one and hope for the second); the first one is pinned."""
    parsed = _parse(url)
    if isinstance(parsed, str):
        return parsed
    scheme, host, port, path = parsed
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return _("The host name does not resolve.")
    addresses = [str(info[4][0]) for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)]
    if not addresses:
        return _("The host name does not resolve.")
    if not _private_allowed() and not all(address_allowed(a) for a in addresses):
        return _("The URL points at an address that is not publicly routable.")
    return Target(scheme=scheme, host=host, port=port, address=addresses[0], path=path)


def webhook_url_problem(url: str) -> str | None:
    """Why `url` may not receive webhooks, or None when it may. Where any address is allowed
    (development) a name that does not resolve yet is accepted; the delivery will say so."""
    if _private_allowed():
        parsed = _parse(url)
        return parsed if isinstance(parsed, str) else None
    target = resolve_target(url)
    return target if isinstance(target, str) else None
