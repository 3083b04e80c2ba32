"""The portal under gunicorn, in a subprocess, against the test database of this pytest run.

Why not pytest-django's `live_server`: it serves one host from a thread of the test process and
flushes the database after every test, which would wipe the session-wide cast (tests/cast.py)
that every other test relies on. This server reads the same committed rows as the test client
does; browser tests create what else they need through the UI. See
docs/decisions/0002-browser-tests.md.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from portal.devstack import free_port

BASE_DIR = Path(__file__).resolve().parents[2]


@dataclass
class PortalServer:
    port: int
    proc: subprocess.Popen[bytes]
    log_path: Path

    def url(self, path: str = "/", *, org: str | None = None) -> str:
        """http://localhost:<port><path>, or the organisation's host with org="acme"."""
        host = f"{org}.localhost" if org else "localhost"
        return f"http://{host}:{self.port}{path}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)  # gunicorn: quick shutdown
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text().splitlines()[-lines:])
        except FileNotFoundError:
            return ""


def database_url_for(test_database: str) -> str:
    """DATABASE_URL of the stack, pointed at pytest-django's test database."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{test_database}"))


def start_server(
    test_database: str, log_path: Path, extra_env: dict[str, str] | None = None
) -> PortalServer:
    port = free_port()
    env = {
        **os.environ,
        **(extra_env or {}),
        "DATABASE_URL": database_url_for(test_database),
        "PORTAL_ENV": "test",
        "DEBUG": "false",  # the portal's own 403/404 pages, as users see them
        "PORTAL_PORT": str(port),  # links, CSRF trusted origins
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],  # fmt: skip
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = PortalServer(port=port, proc=proc, log_path=log_path)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url("/accounts/login/"), timeout=2):  # noqa: S310
                return server
        except urllib.error.HTTPError:
            return server  # it answers
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"gunicorn did not answer within 30 s:\n{server.log_tail()}")
