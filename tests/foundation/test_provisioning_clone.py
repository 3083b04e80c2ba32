"""A new organisation's schema is a copy of the template (portal.tenancy.schema_clone): the same
tables, constraints, indexes, triggers and recorded migrations, and provisioning does not lock
`accounts_user` against log-ins while it runs."""

from __future__ import annotations

import re

import psycopg
from django.conf import settings
from django.db import connection, transaction

from tests.foundation.test_provisioning import _provision


def _normalised(text: str, schema: str) -> str:
    # Identity sequences are named after their table whatever the schema; the schema is not.
    return re.sub(rf'"?{re.escape(schema)}"?\.', "S.", text or "")


def _structure(schema: str) -> dict[str, list[tuple]]:
    queries = {
        "columns": "select c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
        "a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid) "
        "from pg_attribute a join pg_class c on c.oid = a.attrelid "
        "join pg_namespace n on n.oid = c.relnamespace "
        "left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum "
        "where n.nspname = %s and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped",
        "constraints": "select c.relname, con.conname, pg_get_constraintdef(con.oid), "
        "con.convalidated from pg_constraint con join pg_class c on c.oid = con.conrelid "
        "join pg_namespace n on n.oid = c.relnamespace where n.nspname = %s",
        "indexes": "select pg_get_indexdef(i.indexrelid) from pg_index i join pg_class c "
        "on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s",
        "triggers": "select pg_get_triggerdef(t.oid) from pg_trigger t join pg_class c "
        "on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = %s and not t.tgisinternal",
        "functions": "select pg_get_functiondef(p.oid) from pg_proc p join pg_namespace n "
        "on n.oid = p.pronamespace where n.nspname = %s",
    }
    found = {}
    with connection.cursor() as cursor:
        cursor.execute("set local search_path = pg_catalog")
        for name, sql in queries.items():
            cursor.execute(sql, [schema])
            found[name] = sorted(
                tuple(_normalised(v, schema) if isinstance(v, str) else v for v in row)
                for row in cursor.fetchall()
            )
        for table in ("django_migrations", "django_content_type"):
            cursor.execute(f'select count(*), max(id) from "{schema}".{table}')  # noqa: S608
            found[table] = [cursor.fetchone()]
        cursor.execute("set local search_path = public")
    return found


def test_new_schema_is_the_template_with_its_migrations_and_foreign_keys(
    carol, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        organisation = _provision(carol)
    with transaction.atomic():
        copy = _structure(organisation.schema_name)
        template = _structure(settings.TENANT_BASE_SCHEMA)
    assert copy == template
    foreign_keys = [c for c in copy["constraints"] if "REFERENCES public.accounts_user" in c[2]]
    assert foreign_keys and all(validated for *_rest, validated in foreign_keys)
    assert copy["django_migrations"][0][0] > 30


def test_log_ins_are_not_blocked_while_an_organisation_is_being_provisioned(carol):  # type: ignore[no-untyped-def]
    db = connection.settings_dict
    other = psycopg.connect(
        dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
        port=db["PORT"], autocommit=True,
    )  # fmt: skip
    try:
        with transaction.atomic():
            _provision(carol)  # done, not committed: the provisioning transaction is open
            # What a log-in writes (django.contrib.auth's update_last_login), from another
            # connection; before, it waited for the provisioning transaction's commit.
            other.execute("set lock_timeout = '1s'")
            other.execute(
                "update accounts_user set last_login = now() "
                "where id = (select min(id) from accounts_user)"
            )
            transaction.set_rollback(True)
    finally:
        other.close()
