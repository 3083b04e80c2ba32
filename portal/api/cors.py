"""Cross-origin reads of what the law makes public (Art 71: the register is public), so
public-interest tools can read it from a browser. Only GET/HEAD, any origin, no credentials:
nothing a browser holds for the portal (cookies) is ever sent or honoured cross-origin. No other
endpoint sends these headers, so a browser keeps every other answer from foreign pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

# What a script may read of the answer besides the CORS-safelisted headers.
EXPOSED = (
    "ETag, Link, Retry-After, Content-Disposition, RateLimit-Limit, RateLimit-Remaining, "
    "RateLimit-Reset"
)


def add_public_cors_headers(response: HttpResponseBase) -> HttpResponseBase:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
    response["Access-Control-Expose-Headers"] = EXPOSED
    response["Access-Control-Max-Age"] = "86400"
    return response


def public_cors(view: Callable[..., Any]) -> Callable[..., HttpResponseBase]:
    """For plain Django views of public data (open data downloads)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS":
            return add_public_cors_headers(HttpResponse(status=204))
        return add_public_cors_headers(view(request, *args, **kwargs))

    return wrapped
