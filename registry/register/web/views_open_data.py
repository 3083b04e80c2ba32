"""Open data: both registers as JSON and CSV, streamed (no list held in memory), the same rows
and fields as the public pages. Column lists are documented on /open-data/."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from portal.api.cors import public_cors
from portal.context_processors import portal_url
from registry.register.selectors_public import (
    REGISTER_COLUMNS,
    SIGNATORY_COLUMNS,
    register_rows,
    signatory_rows,
)

DATASETS = {
    "register": (REGISTER_COLUMNS, lambda: register_rows(portal_url(None, "").rstrip("/"))),
    "signatories": (SIGNATORY_COLUMNS, signatory_rows),
}


def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "register/open_data.html",
        {"register_columns": REGISTER_COLUMNS, "signatory_columns": SIGNATORY_COLUMNS},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv(columns: tuple[tuple[str, str], ...], rows: Iterable[dict]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([name for name, _ in columns])
    for row in rows:
        yield writer.writerow([_cell(row[name]) for name, _ in columns])


def _cell(value: object) -> str:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "" if value is None else str(value)
    # A cell that a spreadsheet would run as a formula is quoted as text (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _json(rows: Iterable[dict]) -> Iterator[str]:
    yield "["
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


@public_cors  # Art 71: open data is for anyone's tools, in a browser too
def download(request: HttpRequest, dataset: str, fmt: str) -> StreamingHttpResponse:
    columns, rows = DATASETS[dataset]
    if fmt == "csv":
        response = StreamingHttpResponse(
            _csv(columns, rows()), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(_json(rows()), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{dataset}.{fmt}"'
    return response
