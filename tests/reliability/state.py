""" "Nothing stored": the row count of every table in the public schema and the cast's
organisation schemas, and every file under MEDIA_ROOT, taken in one query and one walk."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.db import connection

SCHEMAS = ("public", "org_acme", "org_globex")
# Tables a refused request may legitimately touch: sessions (a login before the request).
IGNORED = {"django_session"}


def _tables() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "select schemaname, tablename from pg_tables where schemaname = any(%s) "
            "order by schemaname, tablename",
            [list(SCHEMAS)],
        )
        return [(s, t) for s, t in cursor.fetchall() if t not in IGNORED]


def row_counts() -> dict[str, int]:
    tables = _tables()
    selects = ", ".join(f'(select count(*) from "{s}"."{t}")' for s, t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"select {selects}")  # noqa: S608 - names from pg_tables
        counts = cursor.fetchone()
    return {f"{s}.{t}": n for (s, t), n in zip(tables, counts, strict=True)}


def media_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    found: set[str] = set()
    for directory, _dirs, files in os.walk(root):
        for name in files:
            found.add(str(Path(directory, name).relative_to(root)))
    return found


def snapshot() -> tuple[dict[str, int], set[str]]:
    return row_counts(), media_files()


def assert_unchanged(before: tuple[dict[str, int], set[str]]) -> None:
    rows, files = snapshot()
    changed = {t: (before[0].get(t), n) for t, n in rows.items() if before[0].get(t) != n}
    assert not changed, f"rows changed: {changed}"
    assert files == before[1], f"files changed: {sorted(files ^ before[1])}"
