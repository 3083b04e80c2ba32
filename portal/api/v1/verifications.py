"""/api/v1/verifications/: the representative's verification of what a provider outside the
Union is about to file (Art 22(3)(a) and (e), Art 54(3)(a)). The provider asks for one with
POST /api/v1/filings/{id}/verification/ (portal.api.v1.filings); both sides read them here, and
the representative verifies (naming the SHA-256 of the body it read), refuses with a reason, or
verifies and files at once where the mandate lets it submit. Public-schema rows, read through the
register's selector for this organisation's mandates only."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.request import PortalRequest
from portal.api.views import OrganisationViewSet
from registry.register.models import FilingVerification, FilingVersion
from registry.register.selectors_mandates import verifications_for
from registry.workspace.services.representation import filing_verification_decide


class VerificationSerializer(serializers.ModelSerializer):
    mandate = serializers.IntegerField(source="mandate_id", read_only=True)
    provider = serializers.CharField(source="mandate.provider.slug", read_only=True)
    representative = serializers.CharField(source="mandate.representative.slug", read_only=True)
    side = serializers.SerializerMethodField(
        help_text="This organisation's side of the mandate: provider or representative."
    )
    body = serializers.JSONField(
        read_only=True,
        help_text="The filing as the provider prepared it, with the representative's Annex VIII "
        "A3/B3 details: what the representative verifies.",
    )
    sha256 = serializers.CharField(
        read_only=True, help_text="SHA-256 of the canonical JSON of `body`: name it to verify."
    )

    class Meta:
        model = FilingVerification
        fields = [
            "id",
            "mandate",
            "side",
            "provider",
            "representative",
            "draft_uid",
            "kind",
            "subject_type",
            "subject_id",
            "subject_name",
            "body",
            "sha256",
            "state",
            "requested_by_label",
            "requested_at",
            "decided_by_label",
            "decided_at",
            "reason",
        ]

    def get_side(self, verification: FilingVerification) -> str:
        organisation = self.context.get("organisation")
        provider_id = verification.mandate.provider_id
        return "provider" if organisation and provider_id == organisation.pk else "representative"


class VerifySerializer(serializers.Serializer):
    sha256 = serializers.RegexField(
        r"^[0-9a-fA-F]{64}$",
        help_text="The SHA-256 of the body you read (the verification's `sha256`): a body that "
        "changed since is 409 verification_sha256_mismatch.",
    )
    submit = serializers.BooleanField(
        required=False,
        default=False,
        help_text="File it for the provider at once (only where the mandate lets the "
        "representative submit).",
    )


class RefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000)


class FiledSerializer(serializers.Serializer):
    filing = serializers.UUIDField()
    version = serializers.IntegerField()


class VerificationDecisionSerializer(VerificationSerializer):
    filed = serializers.SerializerMethodField(
        help_text="With `submit`: the filing and version number made for the provider."
    )

    class Meta(VerificationSerializer.Meta):
        fields = [*VerificationSerializer.Meta.fields, "filed"]

    @extend_schema_field(FiledSerializer(allow_null=True))
    def get_filed(self, verification: FilingVerification) -> dict[str, Any] | None:
        version: FilingVersion | None = self.context.get("filed")
        if version is None:
            return None
        return {"filing": str(version.filing_id), "version": version.number}


class VerificationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=FilingVerification.State.choices)

    class Meta:
        model = FilingVerification
        fields: list[str] = []


_TAGS = ["mandates"]


@extend_schema_view(
    list=extend_schema(operation_id="verifications_list", tags=_TAGS),
    retrieve=extend_schema(operation_id="verifications_retrieve", tags=_TAGS),
)
class VerificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    required_ability = "mandate.read"
    action_abilities = {"verify": "mandate.verify", "refuse": "mandate.verify"}
    serializer_class = VerificationSerializer
    filterset_class = VerificationFilter
    http_method_names = ["get", "post", "head", "options"]
    cursor_ordering = ("-requested_at", "-id")
    # Scoped by the selector to the verifications of this organisation's mandates (either side).
    dangerously_unscoped_queryset = True

    def scoped_queryset(self) -> QuerySet[Any]:
        return verifications_for(organisation=self.organisation)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "organisation": self.organisation}

    def _decide(self, verification: FilingVerification, **decision: Any) -> Response:
        done = filing_verification_decide(
            actor=self.request.actor,
            verification=verification,
            organisation=self.organisation,
            **decision,
        )
        filed = done if isinstance(done, FilingVersion) else None
        fresh = self.get_queryset().get(pk=verification.pk)
        context = {**self.get_serializer_context(), "filed": filed}
        return Response(VerificationDecisionSerializer(fresh, context=context).data)

    @extend_schema(
        operation_id="verifications_verify",
        tags=_TAGS,
        request=VerifySerializer,
        responses=VerificationDecisionSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def verify(self, request: PortalRequest, pk: str) -> Response:
        verification = self.get_object()
        payload = VerifySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._decide(
            verification,
            verified=True,
            sha256=payload.validated_data["sha256"],
            submit=payload.validated_data["submit"],
        )

    @extend_schema(
        operation_id="verifications_refuse",
        tags=_TAGS,
        request=RefuseSerializer,
        responses=VerificationDecisionSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def refuse(self, request: PortalRequest, pk: str) -> Response:
        verification = self.get_object()
        payload = RefuseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._decide(verification, verified=False, reason=payload.validated_data["reason"])
