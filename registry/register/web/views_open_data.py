"""The open-data page and its downloads (registry.register.open_data streams them)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from portal.api.cors import public_cors
from registry.register.open_data import open_data_response
from registry.register.selectors_public import REGISTER_COLUMNS, SIGNATORY_COLUMNS


def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "register/open_data.html",
        {"register_columns": REGISTER_COLUMNS, "signatory_columns": SIGNATORY_COLUMNS},
    )


@public_cors  # Art 71: open data is for anyone's tools, in a browser too
def download(request: HttpRequest, dataset: str, fmt: str) -> StreamingHttpResponse:
    return open_data_response(dataset, fmt)
