"""The internet as webhook deliveries see it, injected at the socket layer.

Names are answered by `socket.getaddrinfo` from a table, and an answer can change from one
lookup to the next (DNS rebinding). Public addresses, which lie outside this machine, are routed
by `socket.socket.connect` to receivers listening on loopback. Everything else (IP literals,
loopback connections of PostgreSQL, Redis, the receivers) goes to the real socket functions.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect


@dataclass
class Internet:
    answers: dict[str, list[str]] = field(default_factory=dict)
    routes: dict[str, tuple[str, int]] = field(default_factory=dict)
    lookups: list[str] = field(default_factory=list)
    connections: list[tuple[str, int]] = field(default_factory=list)

    def name(self, host: str, *answers: str) -> None:
        """`host` resolves to answers[0] on the first lookup, answers[1] on the second, …; the
        last answer stays."""
        self.answers[host.lower()] = list(answers)

    def route(self, public_address: str, receiver_url: str) -> None:
        """Connections to `public_address` (any port) reach the loopback receiver at the URL."""
        host_port = receiver_url.split("//", 1)[1].split("/", 1)[0]
        host, port = host_port.rsplit(":", 1)
        self.routes[public_address] = (host, int(port))

    def getaddrinfo(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name.lower() not in self.answers:
            return _real_getaddrinfo(host, port, *args, **kwargs)
        self.lookups.append(name)
        queue = self.answers[name.lower()]
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        ip = ipaddress.ip_address(address)
        family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
        sockaddr = (address, int(port or 0)) + ((0, 0) if ip.version == 6 else ())
        return [(family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", sockaddr)]

    def connect(self, sock: socket.socket, address: Any) -> None:
        if isinstance(address, tuple):
            self.connections.append((str(address[0]), int(address[1])))
            if address[0] in self.routes:
                host, port = self.routes[address[0]]
                if sock.family == socket.AF_INET6:
                    raise OSError("the test internet routes IPv4 only")
                return _real_connect(sock, (host, port))
        return _real_connect(sock, address)


@pytest.fixture
def internet(monkeypatch: pytest.MonkeyPatch) -> Iterator[Internet]:
    net = Internet()
    monkeypatch.setattr(socket, "getaddrinfo", net.getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", lambda sock, address: net.connect(sock, address))
    yield net
