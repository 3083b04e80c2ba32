"""Exports that stream: rows are written as the database cursor yields them, so an export of
100,000 rows holds one chunk of rows in memory, not the file (bench/export_memory.py). Every
CSV and JSON export (open data, `systems/export`) is built from these; the rows come from a
server-side cursor (``QuerySet.iterator(chunk_size=…)``)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

# Rows fetched from the server-side cursor at a time: big enough that the round trips do not
# show, small enough that memory stays flat.
CHUNK_SIZE = 1000


class _Echo:
    """A file that hands back what is written to it, for csv.writer to format one line."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    columns: Sequence[str],
    rows: Iterable[dict[str, Any]],
    cell: Callable[[Any], str],
    *,
    header: Sequence[str] | None = None,
) -> Iterator[str]:
    """A header line (``header``, else the column names), then one line per row; ``cell``
    writes a value as text (and protects what a spreadsheet would run as a formula)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(header or columns)
    for row in rows:
        yield writer.writerow([cell(row[name]) for name in columns])


# What makes a spreadsheet run a cell as a formula (or a DDE command) when it starts the cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A CSV cell: lists ';'-separated, booleans true/false, nothing as "". Every text that a
    spreadsheet would run as a formula is quoted as text (CSV injection), each element of a list
    too: a spreadsheet that splits cells on ';' must not find a formula either."""
    if isinstance(value, list | tuple):
        return ";".join(csv_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def json_array(rows: Iterable[Any]) -> Iterator[str]:
    """A JSON array written one element at a time (one element per line)."""
    yield "["
    for index, row in enumerate(rows):
        yield (
            ("," if index else "")
            + "\n"
            + json.dumps(row, ensure_ascii=False, cls=DjangoJSONEncoder)
        )
    yield "\n]\n"


def streamed(chunks: Iterator[str], *, content_type: str, filename: str) -> StreamingHttpResponse:
    """An attachment written as ``chunks`` are produced."""
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


CSV_TYPE = "text/csv; charset=utf-8"
JSON_TYPE = "application/json"
