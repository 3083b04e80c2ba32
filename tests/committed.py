"""Committed data for tests that a second process must see (a real Celery worker).

pytest-django runs each test in a transaction that other processes cannot see, and its
transactional mode flushes every table afterwards (the session cast included). Tests that need
committed rows use `committed_db`: they run in autocommit, and afterwards the workspace tables of
the cast's organisations, the register's tables and the notifications are truncated (TRUNCATE bypasses the
append-only row triggers, which is what a test teardown needs and nothing else may do).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connection

CAST_SCHEMAS = ("org_acme", "org_globex")


def _truncate() -> None:
    with connection.cursor() as cursor:
        for schema in CAST_SCHEMAS:
            cursor.execute(
                "select tablename from pg_tables where schemaname = %s "
                "and (tablename like 'workspace_%%' or tablename = 'audit_auditevent')",
                [schema],
            )
            tables = [f'"{schema}"."{name}"' for (name,) in cursor.fetchall()]
            if tables:
                cursor.execute(f"truncate {', '.join(tables)} cascade")
        cursor.execute(
            "select tablename from pg_tables where schemaname = 'public' "
            "and (tablename like 'register_%%' or tablename like 'notifications_%%')"
        )
        tables = [f'public."{name}"' for (name,) in cursor.fetchall()]
        cursor.execute(f"truncate {', '.join(tables)} cascade")


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        try:
            yield
        finally:
            connection.set_schema_to_public()
            _truncate()
