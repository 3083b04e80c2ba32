"""/api/v1/api-keys/: the organisation's API keys, for its administrators and admin keys."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from portal.accounts.api_keys import api_key_create, api_key_revoke, api_keys_of_organisation
from portal.accounts.models import ApiKey, ApiKeyScope
from portal.api.request import PortalRequest
from portal.api.v1.common import NO_STORE
from portal.api.views import OrganisationViewSet


class ApiKeySerializer(serializers.ModelSerializer):
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=ApiKeyScope.choices))
    created_by = serializers.SerializerMethodField()

    class Meta:
        model = ApiKey
        fields = [
            "id",
            "name",
            "prefix",
            "scopes",
            "created_by",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
        ]

    def get_created_by(self, api_key: ApiKey) -> str | None:
        if api_key.created_by is not None:
            return api_key.created_by.email
        if api_key.created_by_key is not None:
            return api_key.created_by_key.audit_actor_label
        return None


class ApiKeyCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=ApiKeyScope.choices), allow_empty=False
    )
    expires_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When the key stops working; omitted or null: 90 days from now.",
    )


class ApiKeyCreatedSerializer(ApiKeySerializer):
    key = serializers.CharField(
        help_text="The key itself. Shown in this response only: store it now. A replay of this "
        "request (same Idempotency-Key) returns null here."
    )

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "key"]


@extend_schema_view(
    list=extend_schema(operation_id="api_keys_list", tags=["api keys"]),
    retrieve=extend_schema(operation_id="api_keys_retrieve", tags=["api keys"]),
    create=extend_schema(
        operation_id="api_keys_create",
        tags=["api keys"],
        request=ApiKeyCreateSerializer,
        responses={201: ApiKeyCreatedSerializer},
    ),
    destroy=extend_schema(
        operation_id="api_keys_revoke",
        tags=["api keys"],
    ),
)
class ApiKeyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    required_ability = "api_key.manage"
    serializer_class = ApiKeySerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    # The plaintext is shown once: a replayed creation answers with the same key row and null here.
    idempotency_redact = {"key": None}

    def scoped_queryset(self) -> QuerySet[Any]:
        return api_keys_of_organisation(organisation=self.organisation)

    def create(self, request: PortalRequest) -> Response:
        payload = ApiKeyCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        api_key, plaintext = api_key_create(
            actor=request.actor,
            organisation=self.organisation,
            name=payload.validated_data["name"],
            scopes=payload.validated_data["scopes"],
            expires_at=payload.validated_data.get("expires_at"),
        )
        data = {**ApiKeySerializer(api_key).data, "key": plaintext}
        # The plaintext is in this answer only: no cache on the way may keep a copy.
        return Response(data, status=status.HTTP_201_CREATED, headers=NO_STORE)

    def destroy(self, request: PortalRequest, pk: str) -> Response:
        api_key_revoke(actor=request.actor, api_key=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
