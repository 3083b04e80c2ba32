"""Every API error is `application/problem+json` (RFC 9457) with a stable `code`.

Body: type, title, status, detail, instance, code, errors ({field: [messages]}). Clients branch on
`code` (never on `detail`, which is prose and may be translated). The `instance` is the request
path, deliberately not the request id: two refusals of the same request must be byte-identical so
that a 401 says nothing about why (unknown key, another organisation's key, expired key).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults
from rest_framework import exceptions as drf
from rest_framework import status
from rest_framework.response import Response

from portal.errors import DomainError

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "urn:aiact-portal:problem:"
AUTHENTICATE_HEADER = 'Bearer realm="api"'

# --- exceptions of our own plumbing -----------------------------------------------------------


class PreconditionFailed(drf.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed since you read it; fetch it again and retry."
    default_code = "precondition_failed"


class PreconditionRequired(drf.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match with the ETag you last read, so no one else's change is lost."
    default_code = "precondition_required"


class PayloadTooLarge(drf.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


# --- the handler --------------------------------------------------------------------------------

_TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    428: "Precondition required",
    429: "Too many requests",
    500: "Server error",
    503: "Service unavailable",
}

# DRF's own codes, renamed where ours are clearer; any other code passes through unchanged.
_CODES: dict[type[drf.APIException], str] = {
    drf.ValidationError: "validation_failed",
    drf.ParseError: "malformed_json",
    drf.NotAuthenticated: "not_authenticated",
    drf.AuthenticationFailed: "not_authenticated",
    drf.PermissionDenied: "permission_denied",
    drf.NotFound: "not_found",
    drf.MethodNotAllowed: "method_not_allowed",
    drf.NotAcceptable: "not_acceptable",
    drf.UnsupportedMediaType: "unsupported_media_type",
    drf.Throttled: "rate_limited",
}


def problem(
    *,
    status_code: int,
    code: str,
    detail: str,
    instance: str = "",
    errors: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    return {
        "type": PROBLEM_TYPE_BASE + code,
        "title": _TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        "instance": instance,
        "code": code,
        "errors": dict(errors or {}),
    }


def _flatten(data: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as {"a.b": [messages]}; non-field errors under "non_field"."""
    if isinstance(data, Mapping):
        out: dict[str, list[str]] = {}
        for key, value in data.items():
            name = "non_field" if key in ("non_field_errors", "__all__") else str(key)
            out.update(_flatten(value, f"{prefix}.{name}" if prefix else name))
        return out
    if isinstance(data, list) and data and all(isinstance(v, str) for v in data):
        return {prefix or "non_field": [str(v) for v in data]}
    if isinstance(data, list):
        out = {}
        for index, value in enumerate(data):
            if value:
                out.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return out
    return {prefix or "non_field": [str(data)]}


def _leaf_codes(codes: Any) -> list[str]:
    if isinstance(codes, Mapping):
        return [c for value in codes.values() for c in _leaf_codes(value)]
    if isinstance(codes, list):
        return [c for value in codes for c in _leaf_codes(value)]
    return [str(codes)]


def _from_api_exception(exc: drf.APIException) -> tuple[int, str, str, dict[str, list[str]]]:
    if isinstance(exc, drf.ValidationError):
        code = "validation_failed"
        if set(_leaf_codes(exc.get_codes())) == {"does_not_exist"}:
            # Only ids of rows that do not exist here: the code the services use for it.
            code = "unknown_reference"
        return 400, code, "The request is not valid.", _flatten(exc.detail)
    detail = exc.detail
    own_code = getattr(detail, "code", None)
    code = _CODES.get(type(exc)) or own_code or exc.default_code
    # A subclass raised with an explicit code (e.g. "csrf_failed", "scope_missing") keeps it.
    if own_code and own_code != exc.default_code:
        code = str(own_code)
    message = str(detail) if not isinstance(detail, list | dict) else exc.default_detail
    return exc.status_code, str(code), str(message), {}


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response | None:
    """DRF's EXCEPTION_HANDLER. Unknown exceptions return None: DRF re-raises them and Django's
    500 handler (below) answers with problem+json."""
    request = context.get("request")
    instance = request.path if request is not None else ""
    headers: dict[str, str] = {}
    if isinstance(exc, DomainError):
        # The messages are lazy translations: rendered here, in the request's language.
        status_code, code, detail = exc.status, exc.code, str(exc.message)
        errors = {name: [str(m) for m in ms] for name, ms in exc.field_errors.items()}
    elif isinstance(exc, Http404):
        status_code, code, detail, errors = 404, "not_found", "Not found.", {}
    elif isinstance(exc, RequestDataTooBig):
        # Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE), met when something reads the body.
        status_code, code, detail, errors = 413, "payload_too_large", str(exc), {}
    elif isinstance(exc, DjangoPermissionDenied):
        status_code, code, detail, errors = 403, "permission_denied", "Permission denied.", {}
    elif isinstance(exc, drf.APIException):
        status_code, code, detail, errors = _from_api_exception(exc)
        if isinstance(exc, drf.NotAuthenticated | drf.AuthenticationFailed):
            # One fixed text for every refusal: the body must not tell an unknown key from a key
            # of another organisation, or an expired one from a revoked one.
            status_code, detail = 401, "Authentication credentials were missing or not valid."
            headers["WWW-Authenticate"] = AUTHENTICATE_HEADER
        if isinstance(exc, drf.Throttled) and exc.wait is not None:
            headers["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
        elif getattr(exc, "retry_after", None):  # e.g. a PDF still rendering (pdf_not_ready)
            headers["Retry-After"] = str(exc.retry_after)  # type: ignore[attr-defined]
    else:
        return None
    return Response(
        problem(
            status_code=status_code, code=code, detail=detail, instance=instance, errors=errors
        ),
        status=status_code,
        headers=headers,
        content_type=PROBLEM_CONTENT_TYPE,
    )


# --- Django's own 404 and 500 on /api/ paths -------------------------------------------------------


def _django_problem(request: HttpRequest, status_code: int, code: str, detail: str) -> HttpResponse:
    body = problem(status_code=status_code, code=code, detail=detail, instance=request.path)
    return JsonResponse(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def bad_request(request: HttpRequest, code: str, detail: str) -> HttpResponse:
    """A 400 refusal before any view ran: problem+json on /api/ paths, a plain page elsewhere
    (rendered without the request: the middleware that fills in the user may not have run)."""
    if request.path_info.startswith("/api/"):
        return _django_problem(request, 400, code, detail)
    return HttpResponse(render_to_string("400.html"), status=400)


def handler400(request: HttpRequest, exception: Exception) -> HttpResponse:
    return bad_request(request, "bad_request", "The request is not valid.")


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return _django_problem(request, 404, "not_found", "No API endpoint at this path.")
    return defaults.page_not_found(request, exception)


DATABASE_RETRY_AFTER_SECONDS = 5


def handler500(request: HttpRequest) -> HttpResponse:
    if _database_unavailable():
        # The database is restarting or unreachable: say so, and when to try again, instead of
        # a generic server error. Connections are health-checked, so the next request reconnects.
        if request.path.startswith("/api/"):
            response = _django_problem(
                request,
                503,
                "database_unavailable",
                "The database is briefly unavailable; retry shortly.",
            )
        else:
            # No request context: rendering the usual layout would ask the database for the user.
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    if request.path.startswith("/api/"):
        return _django_problem(
            request, 500, "server_error", "Something went wrong on our side; it has been logged."
        )
    return defaults.server_error(request)


def _database_unavailable() -> bool:
    import sys

    from django.db import InterfaceError, OperationalError

    return isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
