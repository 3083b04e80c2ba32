"""/api/v1/register/verify on the public host: the API's side of `/verify/`. Anyone asks whether a
SHA-256 (of a filing's JSON or PDF, or of a public copy's) belongs to a filed version; the answer
is registry.register.verification's, so the Art 49(4) secure section stays unknown here too."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from portal.api.request import PortalRequest
from portal.api.views import PublicAPIView
from registry.register.selectors_public import public_filing
from registry.register.verification import verify_hash

SHA256_PATTERN = r"^[0-9a-fA-F]{64}$"


class VerifyQuerySerializer(serializers.Serializer):
    sha256 = serializers.RegexField(
        SHA256_PATTERN,
        error_messages={"invalid": "A SHA-256 is 64 hexadecimal characters."},
    )


class VerificationSerializer(serializers.Serializer):
    found = serializers.BooleanField()
    matched = serializers.ChoiceField(
        choices=["", "snapshot", "pdf", "public_snapshot", "public_pdf"],
        help_text="What the hash is of: a filed version's JSON or PDF, or its public copy's.",
    )
    registration_number = serializers.CharField()
    filing_id = serializers.CharField()
    version = serializers.IntegerField(allow_null=True)
    version_status = serializers.CharField()
    submitted_at = serializers.CharField()
    registered = serializers.BooleanField()
    latest_version = serializers.IntegerField(allow_null=True)
    newer_version_exists = serializers.BooleanField()
    entry = serializers.CharField(
        allow_null=True, help_text="Path of the version in the public register, if it is public."
    )


class RegisterVerifyView(PublicAPIView):
    serializer_class = VerificationSerializer

    @extend_schema(
        operation_id="register_verify",
        tags=["public register"],
        parameters=[
            OpenApiParameter(
                "sha256",
                {"type": "string", "pattern": SHA256_PATTERN},
                required=True,
                description="64 hexadecimal digits.",
            )
        ],
        responses={200: VerificationSerializer},
    )
    def get(self, request: PortalRequest) -> Response:
        query = VerifyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = verify_hash(query.validated_data["sha256"])
        entry = None
        if result.found and public_filing(result.filing_id) is not None:
            entry = f"/register/{result.filing_id}/v/{result.version}/"
        return Response(VerificationSerializer({**result.as_dict(), "entry": entry}).data)
