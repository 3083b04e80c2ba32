"""One HTTP POST to a checked webhook target, connected to the pinned address.

urllib would resolve the host name again when it connects, and a second answer may differ from
the one that was checked (DNS rebinding). Here the socket connects to `Target.address` itself;
the request still names the host (Host header) and TLS still verifies the certificate against
the host name (SNI and hostname check), so pinning changes where we connect, not whom we trust.
Redirects are never followed: http.client does not, and a 3xx is a failed delivery.

What goes into the delivery log is deliberately coarse: an HTTP status, or one sentence for
"no HTTP answer". Refused, timed out, reset and TLS failures read the same, so the test delivery
cannot be used to tell open ports from closed or filtered ones; the detail goes to our log.
"""

from __future__ import annotations

import http.client
import logging
import socket
import ssl
from dataclasses import dataclass

from django.conf import settings

from registry.webhooks.targets import Target

logger = logging.getLogger(__name__)

NO_RESPONSE = "The receiver could not be reached or did not answer over HTTP."
MAX_RESPONSE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Outcome:
    status: int | None
    error: str  # empty when delivered (2xx)


def _connect(target: Target, timeout: float) -> socket.socket:
    family = socket.AF_INET6 if ":" in target.address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect((target.address, target.port))
    except BaseException:
        sock.close()
        raise
    return sock


def _tls_context() -> ssl.SSLContext:
    # Verification stays on: certificate chain and host name. WEBHOOKS_CA_FILE adds a private CA
    # (the tests' receiver on loopback); it never turns verification off.
    cafile = getattr(settings, "WEBHOOKS_CA_FILE", "") or None
    return ssl.create_default_context(cafile=cafile)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._target = target

    def connect(self) -> None:
        self.sock = _connect(self._target, float(self.timeout or 10))


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    default_port = 443

    def connect(self) -> None:
        raw = _connect(self._target, float(self.timeout or 10))
        try:
            self.sock = _tls_context().wrap_socket(raw, server_hostname=self._target.host)
        except BaseException:
            raw.close()
            raise


def post(target: Target, body: bytes, headers: dict[str, str], *, timeout: float) -> Outcome:
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        status = response.status
    except (OSError, http.client.HTTPException, ValueError) as exc:
        logger.info(
            "webhook POST to %s (%s:%s) failed: %s: %s",
            target.host,
            target.address,
            target.port,
            type(exc).__name__,
            exc,
        )
        return Outcome(status=None, error=NO_RESPONSE)
    finally:
        connection.close()
    if 200 <= status < 300:
        return Outcome(status=status, error="")
    return Outcome(status=status, error=f"HTTP {status}")
