"""OpenAPI documentation of the plumbing: security schemes, problem+json errors on every
operation, the Idempotency-Key / If-Match request headers and the response headers (ETag,
Idempotent-Replayed, Retry-After, RateLimit-*) where they apply, described once under
components/headers (`add_header_components`, a postprocessing hook)."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance, is_basic_type, is_list_serializer
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from portal.api import idempotency
from portal.api.exceptions import PROBLEM_CONTENT_TYPE
from portal.api.operations import operation_for, who_may_call
from portal.api.throttling import HEADERS as RATE_LIMIT_HEADERS


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details; `code` is the stable value to branch on."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages by field name (dotted for nested fields).",
    )


_ERRORS = {
    "400": "The request is not valid (code validation_failed, malformed_json, …).",
    "401": "No credentials, or not valid on this host (code not_authenticated).",
    "403": "Not allowed (not_a_member, permission_denied, scope_missing, csrf_failed; see portal/authz.py).",
    "404": "No such resource here.",
    "429": "Rate limit exceeded; see Retry-After (code rate_limited).",
}
_POST_ERRORS = {
    "409": "Conflict, including idempotency_key_reused and idempotency_key_in_progress.",
}
_UPDATE_ERRORS = {
    "412": "If-Match does not match the current ETag (precondition_failed).",
    "428": "If-Match is required (precondition_required).",
}

IDEMPOTENCY_KEY = OpenApiParameter(
    name=idempotency.HEADER,
    location=OpenApiParameter.HEADER,
    required=False,
    # What idempotency_begin accepts (after trimming): 1 to 255 printable characters; in
    # ASCII, the only portable header text, visible characters with spaces inside only.
    type={
        "type": "string",
        "minLength": 1,
        "maxLength": idempotency.MAX_KEY_LENGTH,
        "pattern": r"^[!-~]([ -~]*[!-~])?$",
    },
    description=(
        "A unique string of 1 to 255 printable characters (e.g. a UUID); anything else is 400 "
        "invalid_idempotency_key. A retry with the same key and body gets the first response "
        "again, with `Idempotent-Replayed: true`; kept for 24 hours."
    ),
)
IF_MATCH = OpenApiParameter(
    name="If-Match",
    location=OpenApiParameter.HEADER,
    type=str,
    description="The ETag you last read (or `*`); checked when sent.",
)
IF_MATCH_REQUIRED = OpenApiParameter(
    name="If-Match",
    location=OpenApiParameter.HEADER,
    type=str,
    required=True,
    description="The ETag you last read (or `*`); without it the update is refused with 428.",
)


HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "description": "The version of this representation: send it as If-Match to change it.",
        "schema": {"type": "string"},
    },
    idempotency.REPLAY_HEADER: {
        "description": "`true` when this is the stored answer to an earlier request with the "
        "same Idempotency-Key (absent otherwise).",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 1},
    },
    "RateLimit-Limit": {
        "description": "Requests allowed in the current window (per API key, per signed-in "
        "person, or per address without credentials).",
        "schema": {"type": "integer", "minimum": 1},
    },
    "RateLimit-Remaining": {
        "description": "Requests left in the current window.",
        "schema": {"type": "integer", "minimum": 0},
    },
    "RateLimit-Reset": {
        "description": "Seconds until the current window ends.",
        "schema": {"type": "integer", "minimum": 1},
    },
}


def when(field: str, values: list[str], then: dict[str, Any]) -> dict[str, Any]:
    """A `schema_rules` entry: if `field` is one of `values`, the body must satisfy `then`
    (OpenAPI 3.0 has no if/then: not-if or then)."""
    return {
        "anyOf": [{"not": {"required": [field], "properties": {field: {"enum": values}}}}, then]
    }


def present(*fields: str, **schemas: dict[str, Any]) -> dict[str, Any]:
    """`then` of a rule: these fields are given, not null, and match `schemas`."""
    return {"required": list(fields), "properties": schemas}


def _header_ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/headers/{name}"}


def add_header_components(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: the response headers the operations refer to, described once."""
    result.setdefault("components", {})["headers"] = HEADERS
    return result


class RetryLaterResponse(OpenApiResponse):
    """A problem+json answer that carries Retry-After (e.g. 409 pdf_not_ready)."""


def pdf_responses(description: str) -> dict[Any, Any]:
    """The responses of a PDF download: the file, or 409 while it is rendered (PdfNotReady)."""
    return {
        (200, "application/pdf"): OpenApiResponse(
            response=OpenApiTypes.BINARY, description=description
        ),
        (409, PROBLEM_CONTENT_TYPE): RetryLaterResponse(
            ProblemSerializer,
            description="pdf_not_ready: the PDF is still being rendered; retry after "
            "Retry-After seconds. file_unavailable: the stored file cannot be read right now.",
        ),
    }


class PortalAutoSchema(AutoSchema):
    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        if self.method == "POST":
            parameters.append(IDEMPOTENCY_KEY)
        if self.method in ("PATCH", "PUT"):
            parameters.append(IF_MATCH_REQUIRED)
        if self.method == "DELETE":
            parameters.append(IF_MATCH)
        return parameters

    def _map_serializer_field(
        self, field: Any, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer_field(field, direction, bypass_extensions)
        if (
            isinstance(field, serializers.ListField)
            and not field.allow_empty
            and schema.get("type") == "array"
        ):
            schema.setdefault("minItems", 1)  # DRF refuses [] ("may not be empty"): say so
        return schema

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_basic_serializer(serializer, direction)
        rules = getattr(serializer, "schema_rules", None)
        if rules and direction == "request":
            # Rules between fields (`when status is signed, status_date is required`), written
            # next to the serializer as JSON Schema and checked there by the service.
            schema["allOf"] = list(rules)
        return schema

    def _get_request_for_media_type(
        self, serializer: Any, direction: str = "request"
    ) -> tuple[Any, bool]:
        schema, required = super()._get_request_for_media_type(serializer, direction)
        instance = force_instance(serializer)
        if is_list_serializer(instance) and isinstance(schema, dict):
            # An array body says how many items the server takes (e.g. bulk: 1 to 1000).
            least, most = (getattr(instance, n, None) for n in ("min_length", "max_length"))
            if least is not None or not getattr(instance, "allow_empty", True):
                schema["minItems"] = max(least or 0, 1)
            if most is not None:
                schema["maxItems"] = most
        elif is_basic_type(serializer) and self.method in ("POST", "PUT", "PATCH"):
            required = True  # a raw body (CSV) is the request itself, never optional
        return schema, required

    def _get_format_parameters(self) -> list[Any]:
        # DRF's ?format= picks a renderer, which means nothing to a client: the exports that
        # answer JSON or CSV declare their own `format`.
        return []

    def _portal_headers(self, code: str) -> list[str]:
        """The headers the portal's base view adds to an answer with this status code."""
        if not code.isdigit() or int(code) in (401, 403) or int(code) >= 500:
            return []  # refused before the throttle counts the request, or not ours
        status = int(code)
        names = []
        if status < 300 and self._view_action() in getattr(self.view, "etag_actions", ()):
            names.append("ETag")
        if self.method == "POST" and status != 429:
            names.append(idempotency.REPLAY_HEADER)  # a replay repeats any stored answer
        if status == 429:
            names.append("Retry-After")
        return [*names, *RATE_LIMIT_HEADERS]

    def _view_action(self) -> str:
        return getattr(self.view, "action", None) or ""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        # What integrators read comes from portal/api/operations/ only: a docstring (or a
        # description= left in a decorator) never reaches the document.
        operation.pop("description", None)
        operation.pop("summary", None)
        written = operation_for(operation["operationId"])
        if written is not None:
            operation["summary"] = written.summary
            who = (
                f"**Who may call it:** {written.who}"
                if written.who
                else who_may_call(self.view, self.method)
            )
            operation["description"] = f"{written.description}\n\n{who}".strip()
        return operation

    def _get_response_for_code(
        self,
        serializer: Any,
        status_code: Any,
        media_types: Any = None,
        direction: str = "response",
    ) -> dict[str, Any]:
        if media_types is None and direction == "response":
            # The renderers list problem+json so that a client accepting only it is answered;
            # but a success is never a problem and a refusal is never anything else.
            if str(status_code)[0] in "45":
                media_types = [PROBLEM_CONTENT_TYPE]
            else:
                media_types = [
                    m for m in self.map_renderers("media_type") if m != PROBLEM_CONTENT_TYPE
                ]
        response: dict[str, Any] = super()._get_response_for_code(
            serializer, status_code, media_types, direction
        )
        if str(status_code)[0] in "45" and "content" not in response:
            # A refusal declared with a description only still has its problem body.
            response["content"] = super()._get_response_for_code(
                ProblemSerializer, status_code, [PROBLEM_CONTENT_TYPE], direction
            )["content"]
        if isinstance(serializer, RetryLaterResponse):
            response.setdefault("headers", {})["Retry-After"] = _header_ref("Retry-After")
        return response

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        errors = dict(_ERRORS)
        if self.method == "POST":
            errors.update(_POST_ERRORS)
        if self.method in ("PATCH", "PUT", "DELETE"):
            errors.update(_UPDATE_ERRORS)
        for status_code, description in errors.items():
            if status_code in responses:
                continue
            response = self._get_response_for_code(
                ProblemSerializer, status_code, media_types=[PROBLEM_CONTENT_TYPE]
            )
            response["description"] = description
            responses[status_code] = response
        for status_code, response in responses.items():
            for name in self._portal_headers(str(status_code)):
                response.setdefault("headers", {}).setdefault(name, _header_ref(name))
        return responses


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "aap_<8 characters>_<secret>",
            "description": (
                "An API key of this organisation (or, on the public host, of your authority), "
                "sent as `Authorization: Bearer <key>`. Scopes: read, write, submit, admin."
            ),
        }


class CsrfSessionScheme(OpenApiAuthenticationExtension):
    target_class = "portal.api.authentication.CsrfSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, Any]:
        from django.conf import settings

        return {
            "type": "apiKey",
            "in": "cookie",
            "name": settings.SESSION_COOKIE_NAME,
            "description": "The browser session; unsafe methods also need the X-CSRFToken header.",
        }


def _path_parameters(path: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", path))


def add_links(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: OpenAPI links from what names a row to what reads or changes it.

    A creation (`POST /x/`, 201) leads to every operation under `/x/{id}/` with the new `id`
    (a system to its GET, PATCH, DELETE and classifications; a draft to its checklist, submit,
    status), and a list (`GET /x/`) to the same operations with the first row's `id`. Clients
    and schemathesis' stateful phase follow them."""
    paths: dict[str, dict[str, Any]] = result.get("paths", {})
    for collection, operations in paths.items():
        if not collection.endswith("/") or _path_parameters(collection):
            continue
        targets = {
            operation["operationId"]: operation
            for path, item in paths.items()
            if path.startswith(f"{collection}{{id}}/") and _path_parameters(path) == {"id"}
            for operation in item.values()
        }
        sources = [
            ("post", "201", "$response.body#/id"),
            ("get", "200", "$response.body#/results/0/id"),
        ]
        for method, status, expression in sources:
            response = operations.get(method, {}).get("responses", {}).get(status)
            if response is None or not targets:
                continue
            response["links"] = {
                operation_id: {
                    "operationId": operation_id,
                    "parameters": {"id": expression},
                    "description": operation.get("summary", operation_id),
                }
                for operation_id, operation in sorted(targets.items())
            }
    return result
