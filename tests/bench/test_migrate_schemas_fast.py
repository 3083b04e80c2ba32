"""migrate_schemas_fast skips the schemas that are up to date and migrates those behind
(portal/tenancy/management/commands/migrate_schemas_fast.py, docs/decisions/0005)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from portal.tenancy.management.commands.migrate_schemas_fast import (
    applied_migrations,
    required_migrations,
    schemas_behind,
)
from tests.queries import count_queries

CAST = ["org_acme", "org_globex"]


def _forget(schema: str, app: str = "sessions", name: str = "0001_initial") -> None:
    # A shared app's migration is a no-op in an organisation's schema, so re-applying it is safe.
    with connection.cursor() as cursor:
        cursor.execute(
            f"delete from {connection.ops.quote_name(schema)}.django_migrations "  # noqa: S608
            "where app = %s and name = %s",
            [app, name],
        )


def _recorded(schema: str, app: str = "sessions", name: str = "0001_initial") -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f"select 1 from {connection.ops.quote_name(schema)}.django_migrations "  # noqa: S608
            "where app = %s and name = %s",
            [app, name],
        )
        return cursor.fetchone() is not None


def test_the_cast_schemas_are_up_to_date(cast):
    assert schemas_behind(["public", *CAST]) == []


def test_a_schema_missing_one_migration_is_behind(cast):
    _forget("org_globex")
    assert schemas_behind(CAST) == ["org_globex"]


def test_a_schema_without_a_migrations_table_is_behind(cast):
    with connection.cursor() as cursor:
        cursor.execute("create schema bench_empty")
    assert schemas_behind(["bench_empty", *CAST]) == ["bench_empty"]


def test_reading_every_schema_takes_two_queries_whatever_their_number(cast):
    with count_queries() as one:
        applied_migrations(CAST[:1])
    with count_queries() as both:
        applied = applied_migrations(CAST)
    assert one.count == both.count == 2  # which schemas have the table; their rows
    assert set(required_migrations()) <= applied["org_acme"]


def test_a_squashed_migration_counts_as_applied_when_all_it_replaces_are(cast, monkeypatch):
    from portal.tenancy.management.commands import migrate_schemas_fast as command

    required = dict(required_migrations())
    required["workspace.0001_squashed_0002"] = (
        "workspace.0001_initial",
        "workspace.0002_filingdraft",
    )
    monkeypatch.setattr(command, "required_migrations", lambda: required)
    assert schemas_behind(CAST) == []
    _forget("org_acme", "workspace", "0002_filingdraft")
    assert schemas_behind(CAST) == ["org_acme"]


def test_the_command_migrates_only_the_schema_behind(cast):
    _forget("org_globex")
    out = io.StringIO()
    call_command(
        "migrate_schemas_fast", tenant=True, executor="standard", interactive=False, stdout=out
    )
    summary = out.getvalue().splitlines()[0]
    assert "migrating 1: org_globex" in summary, summary
    assert _recorded("org_globex")
    assert schemas_behind(CAST) == []

    out = io.StringIO()
    call_command(
        "migrate_schemas_fast", tenant=True, executor="standard", interactive=False, stdout=out
    )
    assert "migrating 0" in out.getvalue()


def test_check_exits_non_zero_when_a_schema_is_behind(cast):
    call_command("migrate_schemas_fast", tenant=True, check_unapplied=True, stdout=io.StringIO())
    _forget("org_acme")
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "migrate_schemas_fast", tenant=True, check_unapplied=True, stdout=io.StringIO()
        )
    assert exit_info.value.code == 1
