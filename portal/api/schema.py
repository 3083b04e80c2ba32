"""OpenAPI documentation of the plumbing: security schemes, problem+json errors on every
operation, and the Idempotency-Key / If-Match headers where they apply."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from portal.api.exceptions import PROBLEM_CONTENT_TYPE


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
    "403": "Not allowed (not_a_member, role_insufficient, scope_missing, csrf_failed).",
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
    name="Idempotency-Key",
    location=OpenApiParameter.HEADER,
    required=False,
    type=str,
    description=(
        "Any unique string (e.g. a UUID). A retry with the same key and body gets the first "
        "response again, with `Idempotent-Replayed: true`; kept for 24 hours."
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
