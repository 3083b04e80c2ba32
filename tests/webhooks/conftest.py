"""A local HTTP receiver for webhook deliveries, and deliveries run in-process."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.api.conftest import api, make_key, msa  # noqa: F401 - shared API fixtures
from tests.webhooks.network import internet  # noqa: F401 - the socket-layer internet


@dataclass
class Receiver:
    url: str
    status: int = 200
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)


def _serve(state: Receiver, tls: ssl.SSLContext | None = None) -> Callable[[], None]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append(({k: v for k, v in self.headers.items()}, body))
            self.send_response(state.status)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    scheme = "https" if tls else "http"
    state.url = f"{scheme}://127.0.0.1:{server.server_address[1]}/hooks"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return stop


@pytest.fixture
def receivers() -> Iterator[Callable[..., Receiver]]:
    """Start any number of loopback receivers: `receivers()`, `receivers(tls=context)`."""
    stops: list[Callable[[], None]] = []

    def start(tls: ssl.SSLContext | None = None) -> Receiver:
        state = Receiver(url="")
        stops.append(_serve(state, tls))
        return state

    yield start
    for stop in stops:
        stop()


@pytest.fixture
def receiver(receivers: Callable[..., Receiver]) -> Receiver:
    return receivers()


@pytest.fixture(autouse=True)
def _private_targets_allowed(settings: Any) -> None:
    settings.WEBHOOKS_ALLOW_PRIVATE = True


@pytest.fixture
def queued(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Delivery ids sent to the broker, kept here instead; run them with `run_deliveries`."""
    sent: list[int] = []
    monkeypatch.setattr("registry.webhooks.tasks.enqueue_delivery", sent.append)
    monkeypatch.setattr("registry.filings.tasks.enqueue_pdf", lambda job_id: True)
    monkeypatch.setattr(
        "registry.register.services.notifications.notify_new_filing", lambda version_id: 0
    )
    return sent


@pytest.fixture
def run_deliveries(queued: list[int], monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[str]]:
    """Run the queued deliveries as a worker would, retries included (eagerly: Celery's apply()
    runs each retry at once instead of after its countdown)."""
    from portal.celery import app

    # A retry is a Retry exception; propagating it would stop apply() at the first one.
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)

    def run() -> list[str]:
        from registry.webhooks.tasks import deliver

        outcomes = [deliver.apply(args=[delivery_id]).result for delivery_id in queued]
        queued.clear()
        return outcomes

    return run
