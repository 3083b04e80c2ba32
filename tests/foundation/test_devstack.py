from __future__ import annotations

import subprocess
import time

import psutil
import redis

from portal.devstack import EmbeddedRedis, kill_stale


def test_stale_pid_file_of_a_dead_process_is_removed(tmp_path):
    pidfile = tmp_path / "web.pid"
    proc = subprocess.Popen(["sleep", "0"])
    proc.wait()
    pidfile.write_text(str(proc.pid))
    kill_stale(pidfile, ("python",))
    assert not pidfile.exists()


def test_pid_file_naming_an_unrelated_process_leaves_that_process_alone(tmp_path):
    bystander = subprocess.Popen(["sleep", "30"])
    try:
        pidfile = tmp_path / "redis-server.pid"
        pidfile.write_text(str(bystander.pid))
        kill_stale(pidfile, ("redis-server",))
        assert bystander.poll() is None
        assert not pidfile.exists()
    finally:
        bystander.kill()
        bystander.wait()


def test_embedded_redis_starts_clears_a_crashed_predecessor_and_stops(tmp_path):
    first = EmbeddedRedis(tmp_path / "redis", persist=False).start()
    crashed_pid = first.proc.pid  # simulate a crash of our own process: the server is left running
    second = EmbeddedRedis(tmp_path / "redis", persist=False).start()
    try:
        assert (
            not psutil.pid_exists(crashed_pid) or psutil.Process(crashed_pid).status() == "zombie"
        )
        assert redis.Redis.from_url(second.url).ping()
    finally:
        second.stop()
        first.proc.wait(5)
    time.sleep(0.1)
    assert second.proc is None
    assert not (tmp_path / "redis" / "redis-server.pid").exists()


def test_the_tests_postgresql_runs_without_fsync_and_the_production_settings_keep_it(db):  # type: ignore[no-untyped-def]
    # `make test`'s throwaway cluster (portal.devstack.EmbeddedPostgres.without_durability);
    # `make run` and the benchmarks keep PostgreSQL's defaults (the stack's durable=True).
    import inspect
    import os

    import pytest
    from django.db import connection

    from portal.devstack import stack

    with connection.cursor() as cursor:
        cursor.execute("show data_directory")
        if not cursor.fetchone()[0].startswith(os.environ.get("PORTAL_VAR", "-")):
            pytest.skip("a PostgreSQL of your own (DATABASE_URL), not the one `make test` starts")
        cursor.execute("show fsync")
        assert cursor.fetchone() == ("off",)
    assert inspect.signature(stack).parameters["durable"].default is True
