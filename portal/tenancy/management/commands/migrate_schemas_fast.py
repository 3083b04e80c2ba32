"""`migrate_schemas_fast`: django-tenants' `migrate_schemas`, minus the schemas already up to date.

`migrate_schemas` runs Django's whole `migrate` in every organisation's schema, even when nothing
is pending: about 0.1 s of loading the migration graph, checking and post-migrate signals per
schema, so minutes once there are thousands of organisations, on every deployment. This command
first reads every candidate schema's `django_migrations` (one UNION ALL query per 500 schemas),
compares it with the migration graph on disk, and hands only the schemas that are behind to the
usual executor (`--executor=multiprocessing` forks a pool, as in `migrate_schemas`). Options are
those of `migrate_schemas`; naming an app or a migration, `--prune`, `--plan` or `--all-schemas`
runs the plain command. Why it is a separate command: docs/decisions/0005-migrating-many-schemas.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django_tenants.management.commands import SyncCommon
from django_tenants.management.commands.migrate_schemas import (
    GET_EXECUTOR_FUNCTION,
    MigrateSchemasCommand,
)
from django_tenants.utils import (
    get_public_schema_name,
    get_tenant_migration_order,
    get_tenant_model,
    schema_exists,
)

SCHEMAS_PER_QUERY = 500


def required_migrations() -> dict[str, tuple[str, ...]]:
    """Every migration on disk ("app.name"), with the migrations it replaces if it is a squash.

    A schema records every migration of every app, not only its own apps': for a shared app the
    router turns the operations into no-ops in an organisation's schema, but `migrate` still
    records them. So "up to date" is: each node of the graph is recorded (or all it replaces).
    """
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    return {
        f"{app}.{name}": tuple(f"{a}.{n}" for a, n in graph.nodes[(app, name)].replaces)
        for app, name in graph.nodes
    }


def applied_migrations(schemas: Sequence[str], *, using: str = "default") -> dict[str, set[str]]:
    """Recorded migrations per schema; a schema without a `django_migrations` table is absent."""
    connection = connections[using]
    quote = connection.ops.quote_name
    applied: dict[str, set[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "select n.nspname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            "where c.relname = 'django_migrations' and c.relkind in ('r', 'p') "
            "and n.nspname = any(%s)",
            [list(schemas)],
        )
        present = {row[0] for row in cursor.fetchall()}
        ordered = [schema for schema in schemas if schema in present]
        for start in range(0, len(ordered), SCHEMAS_PER_QUERY):
            chunk = ordered[start : start + SCHEMAS_PER_QUERY]
            sql = " union all ".join(
                # Schema names come from our own catalog and are quoted as identifiers.
                f"select %s::text, app, name from {quote(schema)}.django_migrations"  # noqa: S608
                for schema in chunk
            )
            cursor.execute(sql, chunk)
            for schema in chunk:
                applied.setdefault(schema, set())
            for schema, app, name in cursor.fetchall():
                applied[schema].add(f"{app}.{name}")
    return applied


def schemas_behind(schemas: Iterable[str], *, using: str = "default") -> list[str]:
    """The schemas (in the given order) that miss at least one migration on disk."""
    schemas = list(schemas)
    required = required_migrations()
    applied = applied_migrations(schemas, using=using)
    behind = []
    for schema in schemas:
        done = applied.get(schema)
        if done is None or any(
            key not in done and not (replaces and set(replaces) <= done)
            for key, replaces in required.items()
        ):
            behind.append(schema)
    return behind


class Command(MigrateSchemasCommand):
    help = (
        "migrate_schemas that migrates only the schemas with pending migrations "
        "(same options; --all-schemas for the plain behaviour)."
    )

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--all-schemas",
            action="store_true",
            help="Run migrate in every schema, as migrate_schemas does.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        plain = (
            options["all_schemas"]
            or options.get("app_label")
            or options.get("migration_name")
            or options.get("prune")
            or options.get("plan")
        )
        if plain:
            return super().handle(*args, **options)
        SyncCommon.handle(self, *args, **options)
        public = get_public_schema_name()
        using = options.get("database") or "default"
        tenants: list[str] = []
        if self.sync_tenant:
            if self.schema_name and self.schema_name != public:
                if not schema_exists(self.schema_name, using):
                    raise CommandError(f'Schema "{self.schema_name}" does not exist')
                tenants = [self.schema_name]
            else:
                rows = get_tenant_model().objects.exclude(schema_name=public)
                if (order := get_tenant_migration_order()) is not None:
                    rows = rows.order_by(*order)
                tenants = list(rows.values_list("schema_name", flat=True))
        candidates = ([public] if self.sync_public else []) + tenants
        behind = set(schemas_behind(candidates, using=using))
        pending = [schema for schema in tenants if schema in behind]
        if int(options.get("verbosity", 1)) >= 1:
            self.stdout.write(
                f"{len(candidates) - len(behind)} of {len(candidates)} schemas up to date; "
                f"migrating {len(behind)}"
                + (f": {', '.join(sorted(behind)[:10])}" if behind else "")
                + (" …" if len(behind) > 10 else "")
            )
        if options.get("check_unapplied"):
            if behind:
                raise SystemExit(1)
            return
        executor = GET_EXECUTOR_FUNCTION(codename=self.executor)(self.args, self.options)
        if self.sync_public and public in behind:
            executor.run_migrations(tenants=[public])
        if pending:
            executor.run_migrations(tenants=pending)
