"""Open data (Art 71): both registers as JSON and CSV, streamed (no list held in memory), the same
rows and public fields as the public pages (registry.register.selectors_open_data). Served by the
open-data page (`/open-data/…`) and the public register API (`/api/v1/register/…/export/`); the
columns are documented on /open-data/."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

from portal.context_processors import portal_url
from registry.register.selectors_open_data import (
    REGISTER_COLUMN_NAMES,
    SIGNATORY_COLUMN_NAMES,
    register_rows,
    signatory_rows,
)

DATASETS = {
    "register": (REGISTER_COLUMN_NAMES, lambda: register_rows(portal_url(None, "").rstrip("/"))),
    "signatories": (SIGNATORY_COLUMN_NAMES, signatory_rows),
}


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(columns: tuple[str, ...], rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_cell(row[name]) for name in columns])


# What makes a spreadsheet run a cell as a formula (or a DDE command) when it starts the cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A CSV cell: lists ';'-separated, booleans true/false, nothing as "". Every text that a
    spreadsheet would run as a formula is quoted as text (CSV injection), each element of a list
    too: a spreadsheet that splits cells on ';' must not find a formula either."""
    if isinstance(value, list | tuple):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _json(rows: Iterable[dict]) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def open_data_response(dataset: str, fmt: str) -> StreamingHttpResponse:
    """`dataset` is a key of DATASETS, `fmt` "csv" or "json", as an attachment."""
    columns, rows = DATASETS[dataset]
    if fmt == "csv":
        response = StreamingHttpResponse(
            _csv(columns, rows()), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(_json(rows()), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{dataset}.{fmt}"'
    return response
