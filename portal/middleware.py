"""Request ids: every request gets one (or keeps a well-formed one from the proxy); it is logged
and recorded on every audit event that the request causes. Malformed URLs: a NUL character or
bytes that are not UTF-8 in the path or the query string are refused before any view reads them."""

from __future__ import annotations

import contextvars
import logging
import re
import uuid
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.id = request_id  # type: ignore[attr-defined]
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RequestIdLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


def _wsgi_bytes(value: str) -> bytes:
    # WSGI hands over the raw bytes of the path and the query string as latin-1 text; anything
    # else (a test client, ASGI) has already decoded them as UTF-8.
    try:
        return value.encode("iso-8859-1")
    except UnicodeEncodeError:
        return value.encode("utf-8")


def url_is_malformed(path_info: str, query_string: str) -> bool:
    """True when the path or the query string, percent-decoded, holds a NUL or is not UTF-8."""
    for raw in (_wsgi_bytes(path_info), unquote_to_bytes(_wsgi_bytes(query_string))):
        if b"\x00" in raw:
            return True
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


class MalformedURLMiddleware:
    """A NUL in a query parameter or a path reached PostgreSQL, which cannot store or compare one
    (psycopg raises: a 500), and Django reads bytes that are not UTF-8 as U+FFFD, so a search
    silently looked for something else. Both are refused here, once for every page and endpoint:
    400, problem+json on the API (portal.api.exceptions.bad_request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if url_is_malformed(
            request.META.get("PATH_INFO", ""), request.META.get("QUERY_STRING", "")
        ):
            from portal.api.exceptions import bad_request

            return bad_request(
                request,
                "malformed_url",
                "The address contains a NUL character or bytes that are not UTF-8.",
            )
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` on every response (settings.PERMISSIONS_POLICY; issue 14 item 8)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
