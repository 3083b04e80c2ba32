"""A new organisation's schema as a copy of the migrated template schema (decision 0001), built from
DDL read once from the catalogue instead of django-tenants' generic clone function, so that

- the foreign keys from the new schema to shared tables (`public.accounts_user`, …) are not
  created inside the provisioning transaction: adding a foreign key locks the referenced table in
  SHARE ROW EXCLUSIVE mode until commit, which blocks every log-in (it writes `last_login`) for
  as long as provisioning takes. They are added after commit, `NOT VALID` in a short transaction
  of their own (milliseconds, bounded by `lock_timeout`), then validated, which locks the shared
  table only in ROW SHARE mode (`schema_attach_shared_foreign_keys`);
- no migration runs: the template's `django_migrations` rows are copied with its other rows
  (content types), so the new schema says what the template says (django-tenants' fake
  `migrate_schemas` after its clone loaded and rendered every migration, about half the time).

The DDL is read from the catalogue per process and again whenever the template's migrations
change; names of tables, indexes and constraints are the template's, as migrations expect.
Why and the figures: docs/decisions/0014, bench/tenancy_provision.py."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import OperationalError, connection, transaction

log = logging.getLogger(__name__)

PLACEHOLDER = "__portal_new_schema__"


@dataclass(frozen=True)
class SchemaPlan:
    """What creating a copy of the template takes, with PLACEHOLDER for the new schema's name."""

    key: tuple[int, int]  # the template's migrations (count, highest id) when it was read
    statements: tuple[str, ...]  # tables, constraints, indexes, functions, triggers, rows
    shared_foreign_keys: tuple[tuple[str, str, str], ...]  # (table, constraint, definition)


_plan: SchemaPlan | None = None


def _template() -> str:
    return str(settings.TENANT_BASE_SCHEMA)


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _key(cursor: object) -> tuple[int, int]:
    cursor.execute(  # type: ignore[attr-defined]
        f"SELECT count(*), coalesce(max(id), 0) FROM {_quoted(_template())}.django_migrations"  # noqa: S608
    )
    count, highest = cursor.fetchone()  # type: ignore[attr-defined]
    return int(count), int(highest)


def _read_plan(cursor: object, key: tuple[int, int]) -> SchemaPlan:
    """The template's DDL, every name schema-qualified (search_path pg_catalog), the template's
    own name replaced by PLACEHOLDER."""
    template = _template()
    qualified = f"{_quoted(template)}."
    run = cursor.execute  # type: ignore[attr-defined]

    def rows(sql: str) -> list[tuple]:
        run(sql, [template])
        return list(cursor.fetchall())  # type: ignore[attr-defined]

    def mine(text: str) -> str:
        return text.replace(qualified, f"{PLACEHOLDER}.").replace(f"{template}.", f"{PLACEHOLDER}.")

    run("SELECT current_setting('search_path')")
    search_path = cursor.fetchone()[0]  # type: ignore[attr-defined]
    run("SET LOCAL search_path = pg_catalog")
    tables = [name for (name,) in rows(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relkind = 'r' ORDER BY c.relname"
    )]  # fmt: skip
    statements = [
        f"CREATE TABLE {PLACEHOLDER}.{_quoted(table)} (LIKE {qualified}{_quoted(table)} "
        "INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING CONSTRAINTS "
        "INCLUDING STORAGE INCLUDING COMMENTS)"
        for table in tables
    ]
    for (definition,) in rows(
        "SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname = %s ORDER BY p.proname"
    ):
        statements.append(mine(definition))
    # Primary keys and unique constraints first (foreign keys need them), then indexes that
    # back no constraint, then foreign keys within the schema.
    constraints = rows(
        "SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid), "
        "       rn.nspname "
        "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "LEFT JOIN pg_class r ON r.oid = con.confrelid "
        "LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace "
        "WHERE n.nspname = %s AND con.contype IN ('p', 'u', 'x', 'f') "
        "ORDER BY con.contype = 'f', c.relname, con.conname"
    )
    shared: list[tuple[str, str, str]] = []
    for table, name, kind, definition, referenced_schema in constraints:
        if kind == "f" and referenced_schema != template:
            shared.append((table, name, definition))
            continue
        if kind != "f":
            statements.append(
                f"ALTER TABLE {PLACEHOLDER}.{_quoted(table)} ADD CONSTRAINT {_quoted(name)} "
                f"{mine(definition)}"
            )
    for (definition,) in rows(
        "SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "JOIN pg_class ic ON ic.oid = i.indexrelid "
        "WHERE n.nspname = %s AND NOT EXISTS ("
        "  SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid"
        "  AND con.contype IN ('p', 'u', 'x')) ORDER BY ic.relname"
    ):
        statements.append(mine(definition))
    for table, name, kind, definition, referenced_schema in constraints:
        if kind == "f" and referenced_schema == template:
            statements.append(
                f"ALTER TABLE {PLACEHOLDER}.{_quoted(table)} ADD CONSTRAINT {_quoted(name)} "
                f"{mine(definition)}"
            )
    for (definition,) in rows(
        "SELECT pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND NOT t.tgisinternal ORDER BY t.tgname"
    ):
        statements.append(mine(definition))
    # The template's rows (its migrations and content types; its other tables are empty), and
    # identity sequences moved past the copied ids.
    for table in tables:
        run(f"SELECT EXISTS (SELECT 1 FROM {qualified}{_quoted(table)})")  # noqa: S608
        if not cursor.fetchone()[0]:  # type: ignore[attr-defined]
            continue
        statements.append(
            f"INSERT INTO {PLACEHOLDER}.{_quoted(table)} OVERRIDING SYSTEM VALUE "  # noqa: S608
            f"SELECT * FROM {qualified}{_quoted(table)}"
        )
        run(
            "SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relname = %s AND a.attidentity <> ''",
            [template, table],
        )
        for (column,) in list(cursor.fetchall()):  # type: ignore[attr-defined]
            target = f"{PLACEHOLDER}.{_quoted(table)}"
            statements.append(
                f"SELECT setval(pg_get_serial_sequence('{target}', '{column}'), "  # noqa: S608
                f"coalesce((SELECT max({_quoted(column)}) FROM {target}), 0) + 1, false)"
            )
    run("SELECT set_config('search_path', %s, true)", [search_path])
    return SchemaPlan(key=key, statements=tuple(statements), shared_foreign_keys=tuple(shared))


def _current_plan(cursor: object) -> SchemaPlan:
    global _plan
    key = _key(cursor)
    if _plan is None or _plan.key != key:
        _plan = _read_plan(cursor, key)
    return _plan


def schema_create_from_template(schema_name: str) -> SchemaPlan:
    """Create `schema_name` as a copy of the template, in the caller's transaction, without the
    foreign keys to shared tables (see the module's docstring). Returns the plan, whose
    `shared_foreign_keys` `schema_attach_shared_foreign_keys` adds after commit."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("schema_create_from_template runs inside the provisioning transaction")
    with connection.cursor() as cursor:
        plan = _current_plan(cursor)
        target = _quoted(schema_name)
        # One round trip: a few hundred statements, no parameters (simple query protocol).
        script = ";\n".join(statement.replace(PLACEHOLDER, target) for statement in plan.statements)
        cursor.execute(f"CREATE SCHEMA {target};\n{script}")
    return plan


def schema_attach_shared_foreign_keys(
    schema_name: str, plan: SchemaPlan, *, attempts: int = 5, lock_timeout_ms: int = 500
) -> None:
    """Add the new schema's foreign keys to shared tables: `NOT VALID` in one short transaction
    (the SHARE ROW EXCLUSIVE lock on, e.g., accounts_user for milliseconds, never waited for
    longer than `lock_timeout_ms`; retried), then validated (ROW SHARE on the shared table: log-ins
    go on). The new schema's tables are empty when this runs after provisioning, so validation is
    instant; it still proves the constraint holds for any row written in between."""
    target = _quoted(schema_name)
    missing = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT con.conname FROM pg_constraint con JOIN pg_namespace n "
            "ON n.oid = con.connamespace WHERE n.nspname = %s AND con.contype = 'f'",
            [schema_name],
        )
        present = {name for (name,) in cursor.fetchall()}
    missing = [fk for fk in plan.shared_foreign_keys if fk[1] not in present]
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL lock_timeout = '{int(lock_timeout_ms)}ms'")
                for table, name, definition in missing:
                    cursor.execute(
                        f"ALTER TABLE {target}.{_quoted(table)} ADD CONSTRAINT {_quoted(name)} "
                        f"{definition} NOT VALID"
                    )
            break
        except OperationalError:
            # lock_timeout: a long transaction holds the shared table; try again shortly.
            if attempt == attempts:
                raise
            log.warning("foreign keys of %s: lock not granted, attempt %s", schema_name, attempt)
            time.sleep(0.05 * attempt)
    with connection.cursor() as cursor:
        for table, name, _definition in missing:
            cursor.execute(
                f"ALTER TABLE {target}.{_quoted(table)} VALIDATE CONSTRAINT {_quoted(name)}"
            )


def shared_foreign_keys_after_commit(schema_name: str, plan: SchemaPlan) -> None:
    """The on_commit step of provisioning: attach now, or leave it to a background job when the
    shared table stays locked (the organisation exists and works either way)."""
    try:
        schema_attach_shared_foreign_keys(schema_name, plan)
    except OperationalError:
        log.exception("foreign keys of %s: left to the background job", schema_name)
        from portal.tenancy.tasks import attach_shared_foreign_keys

        attach_shared_foreign_keys.delay(schema_name)


def schema_attach_missing_shared_foreign_keys(schema_name: str) -> None:
    """The same for any organisation's schema, with the current plan (the background job)."""
    with transaction.atomic(), connection.cursor() as cursor:
        plan = _current_plan(cursor)
    schema_attach_shared_foreign_keys(schema_name, plan)
