"""OpenAPI documentation of the plumbing: security schemes, problem+json errors on every
operation, the Idempotency-Key / If-Match request headers and the response headers (ETag,
Idempotent-Replayed, Retry-After, RateLimit-*) where they apply, described once under
components/headers (`add_header_components`, a postprocessing hook)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from portal.api import idempotency
from portal.api.exceptions import PROBLEM_CONTENT_TYPE
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
    "403": (
        "Not allowed (not_a_member, permission_denied, scope_missing, csrf_failed; on the "
        "regulator API also lead_required, not_a_regulator, authority_ambiguous; see "
        "portal/authz.py)."
    ),
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

    def _get_response_for_code(
        self,
        serializer: Any,
        status_code: Any,
        media_types: Any = None,
        direction: str = "response",
    ) -> dict[str, Any]:
        response: dict[str, Any] = super()._get_response_for_code(
            serializer, status_code, media_types, direction
        )
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
            content = response.get("content", {})
            if str(status_code).startswith("2") and len(content) > 1:
                # Problem details are for refusals: a success is never problem+json.
                content.pop(PROBLEM_CONTENT_TYPE, None)
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
