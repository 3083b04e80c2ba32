"""The open-data page and its downloads (registry.register.open_data streams them)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from portal.api.cors import public_cors
from registry.register.open_data import open_data_response
from registry.register.selectors_open_data import (
    REGISTER_COLUMNS,
    REGISTER_FIELD_COLUMNS,
    SIGNATORY_COLUMNS,
    FieldColumn,
)
from registry.register.web.record import field_label, item_title


def _field_meaning(column: FieldColumn) -> str:
    """ "Provider name, address and contact details: Name (Annex VIII A1, B1)", translated where
    the portal knows the items' titles and the field's name; the citation stays as written."""
    titles = dict.fromkeys(item_title(code, title)[0] for code, title in column.items)
    label, _translated = field_label(column.name)
    return f"{' / '.join(titles)}: {label} (Annex VIII {', '.join(column.codes)})"


def open_data(request: HttpRequest) -> HttpResponse:
    register_columns = [
        *REGISTER_COLUMNS,
        *((column.name, _field_meaning(column)) for column in REGISTER_FIELD_COLUMNS),
    ]
    return render(
        request,
        "register/open_data.html",
        {"register_columns": register_columns, "signatory_columns": SIGNATORY_COLUMNS},
    )


@public_cors  # Art 71: open data is for anyone's tools, in a browser too
def download(request: HttpRequest, dataset: str, fmt: str) -> StreamingHttpResponse:
    return open_data_response(dataset, fmt)
