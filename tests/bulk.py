"""Many rows fast, for query budgets at 10,000 rows: copies of one row made with a single
`INSERT … SELECT … generate_series` in the current schema (no ORM loop, ~0.1 s for 10,000)."""

from __future__ import annotations

from django.db import connection, models


def clone_rows(instance: models.Model, count: int, **overrides: str) -> None:
    """``count`` copies of ``instance``'s row. ``overrides`` map a column to an SQL expression in
    ``g`` (1..count), e.g. ``trade_name="'System ' || g"``; ``uid`` columns get fresh UUIDs; a
    primary key is left to its sequence unless overridden (``id="gen_random_uuid()"``)."""
    meta = instance._meta
    columns, values = [], []
    for field in meta.concrete_fields:
        column = field.column
        if field.primary_key and column not in overrides:  # a UUID key needs an override
            continue
        columns.append(f'"{column}"')
        if column in overrides:
            values.append(overrides[column])
        elif isinstance(field, models.UUIDField) and field.unique:
            values.append("gen_random_uuid()")
        else:
            values.append(f'"{column}"')
    sql = (
        f'INSERT INTO "{meta.db_table}" ({", ".join(columns)}) '  # noqa: S608 - our own names
        f'SELECT {", ".join(values)} FROM "{meta.db_table}", generate_series(1, %s) AS g '
        f'WHERE "{meta.pk.column}" = %s'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [count, instance.pk])
        cursor.execute(f'ANALYZE "{meta.db_table}"')


__all__ = ["clone_rows"]
