"""Open data (Art 71): both registers as JSON and CSV, streamed (no list held in memory), the same
rows and public fields as the public pages (registry.register.selectors_open_data). Served by the
open-data page (`/open-data/…`) and the public register API (`/api/v1/register/…/export/`); the
columns are documented on /open-data/."""

from __future__ import annotations

from django.http import StreamingHttpResponse

from portal.context_processors import portal_url
from portal.streaming import CSV_TYPE, JSON_TYPE, csv_cell, csv_lines, json_array, streamed
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


def open_data_response(dataset: str, fmt: str) -> StreamingHttpResponse:
    """`dataset` is a key of DATASETS, `fmt` "csv" or "json", as an attachment."""
    columns, rows = DATASETS[dataset]
    if fmt == "csv":
        return streamed(
            csv_lines(columns, rows(), csv_cell), content_type=CSV_TYPE, filename=f"{dataset}.csv"
        )
    return streamed(json_array(rows()), content_type=JSON_TYPE, filename=f"{dataset}.json")
