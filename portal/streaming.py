"""Exports that stream: rows are written as the database cursor yields them, so an export of
100,000 rows holds one chunk of rows in memory, not the file (bench/export_memory.py). Every
CSV and JSON export (open data, `systems/export`) is built from these; the rows come from a
server-side cursor (``QuerySet.iterator(chunk_size=…)``)."""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any

import xlsxwriter
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

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


# --- list exports (issue 15 item 12): the current filtered list as CSV or XLSX -----------------

EXPORT_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Column:
    """One column of a list export: its translated header and how a row gives its value."""

    header: Any
    value: Callable[[Any], Any]


def _text(value: Any) -> Any:
    """A value as a spreadsheet shows it: numbers stay numbers, dates ISO, lazy labels text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def xlsx_file(header: Sequence[Any], rows: Iterable[Sequence[Any]], *, sheet: str) -> IO[bytes]:
    """An XLSX workbook of one sheet, written row by row in XlsxWriter's constant_memory mode
    (each row goes to a temporary file as it is written, so memory does not grow with the
    rows), in a temporary file that is deleted when closed. Text cells are written as strings,
    never as formulas (``strings_to_formulas`` off): a cell that starts with ``=`` stays text."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that sends it)
    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "tmpdir": tempfile.gettempdir(),
        },
    )
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    worksheet.write_row(0, 0, [str(h) for h in header], bold)
    for index, row in enumerate(rows, start=1):
        worksheet.write_row(index, 0, [_text(v) for v in row])
    workbook.close()
    out.seek(0)
    return out


def export_format_of(value: Any) -> str | None:
    """``csv`` or ``xlsx`` from a request's ``format``; anything else None (a 400)."""
    return value if value in EXPORT_FORMATS else None


def list_export(
    export_format: str,
    columns: Sequence[Column],
    rows: Iterable[Any],
    *,
    name: str,
    sheet: Any,
) -> StreamingHttpResponse | FileResponse:
    """The rows as a CSV (streamed as the cursor yields them) or an XLSX (written row by row to
    a temporary file, then sent in chunks) named ``<name>-<date and time>.<format>``, with the
    columns' translated headers."""
    header = [str(column.header) for column in columns]
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    filename = f"{name}-{stamp}.{export_format}"
    if export_format == "xlsx":
        cells = ([column.value(row) for column in columns] for row in rows)
        response = FileResponse(
            xlsx_file(header, cells, sheet=str(sheet)),
            as_attachment=True,
            filename=filename,
            content_type=XLSX_TYPE,
        )
        return response
    keys = [str(i) for i in range(len(columns))]
    text_rows = (
        {k: _text(c.value(row)) for k, c in zip(keys, columns, strict=True)} for row in rows
    )
    return streamed(
        csv_lines(keys, text_rows, csv_cell, header=header),
        content_type=CSV_TYPE,
        filename=filename,
    )
