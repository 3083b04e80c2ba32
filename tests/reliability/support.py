"""What the reliability tests share: waiting with a bound, a loopback HTTP client that sets the
Host header (so `acme.localhost` needs no resolver), a gunicorn server on any database, and the
test process's Celery producer pointed at another Redis."""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from portal.devstack import free_port
from tests.e2e.server import PortalServer

BASE_DIR = Path(__file__).resolve().parents[2]
ARTEFACTS = BASE_DIR / "test-artefacts" / "reliability"
T = TypeVar("T")


def wait_for(predicate: Callable[[], T], *, timeout: float, what: str, every: float = 0.2) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


# --- HTTP ---------------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Http:
    """One virtual user's connection to 127.0.0.1:<port>, for one host name. Keeps the connection
    alive between requests and opens a new one after an error (a restarted worker)."""

    port: int
    host: str
    headers: dict[str, str] = field(default_factory=dict)
    timeout: float = 15.0
    _conn: http.client.HTTPConnection | None = None

    def request(
        self,
        method: str,
        path: str,
        body: bytes | str | dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        all_headers = {"Host": f"{self.host}:{self.port}", **self.headers, **(headers or {})}
        if isinstance(body, dict):
            body = json.dumps(body)
            all_headers.setdefault("Content-Type", "application/json")
        if isinstance(body, str):
            body = body.encode()
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=self.timeout
                )
            try:
                self._conn.request(method, path, body=body, headers=all_headers)
                response = self._conn.getresponse()
                data = response.read()
                reply = Reply(
                    response.status, data, {k.lower(): v for k, v in response.getheaders()}
                )
                if reply.headers.get("connection", "").lower() == "close":
                    self.close()
                return reply
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server closed meanwhile: retry once on a new one.
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str, **kw: Any) -> Reply:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Reply:
        return self.request("POST", path, body, **kw)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


# --- gunicorn -------------------------------------------------------------------------------------


def start_gunicorn(
    *, database_url: str, log_path: Path, workers: int = 2, threads: int = 4, **env: str
) -> PortalServer:
    """The portal under gunicorn (as in production) on `database_url`; Redis from our env."""
    port = free_port()
    full_env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PORTAL_ENV": "test",
        "DEBUG": "false",
        "PORTAL_PORT": str(port),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        # The load would otherwise meet the per-key limits (600/min) and measure throttling.
        "API_RATE_PER_KEY": "1000000/min",
        "API_RATE_PER_USER": "1000000/min",
        "API_RATE_ANONYMOUS": "1000000/min",
        **env,
    }
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--worker-class",
                "gthread",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],  # fmt: skip
            cwd=BASE_DIR,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = PortalServer(port=port, proc=proc, log_path=log_path)
    probe = Http(port, "localhost", timeout=2)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n{server.log_tail()}")
        try:
            probe.get("/accounts/login/")
            return server
        except OSError:
            probe.close()
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"gunicorn did not answer within 30 s:\n{server.log_tail()}")


@contextmanager
def gunicorn(**kwargs: Any) -> Iterator[PortalServer]:
    server = start_gunicorn(**kwargs)
    try:
        yield server
    finally:
        server.stop()


def worker_pids(server: PortalServer) -> set[int]:
    import psutil

    return {child.pid for child in psutil.Process(server.proc.pid).children()}


# --- Celery ---------------------------------------------------------------------------------------


def _drop_producer_pools(app: Any) -> None:
    from kombu import pools

    # app.pool comes from kombu's process-wide registry, keyed by broker URL: closing one pool
    # without clearing the registry would hand the closed pool to the next user of that URL
    # ("Acquire on closed pool" in later tests). reset() closes them all and empties it.
    pools.reset()
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@contextmanager
def celery_broker(url: str) -> Iterator[None]:
    """Send this process's Celery messages (enqueue_pdf, control.ping) to another Redis for a
    while; the cached connection and producer pools are dropped both ways."""
    from portal.celery import app

    previous = app.conf.broker_url
    _drop_producer_pools(app)
    app.conf.broker_url = url
    try:
        yield
    finally:
        _drop_producer_pools(app)
        app.conf.broker_url = previous


def kill(proc: subprocess.Popen[bytes] | int, sig: int = signal.SIGKILL) -> None:
    pid = proc if isinstance(proc, int) else proc.pid
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return
    if not isinstance(proc, int):
        proc.wait(10)
