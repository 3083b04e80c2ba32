"""GET /api/v1/me: who the caller is, on an organisation's host and on the public host."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from portal.accounts.models import ApiKey, ApiKeyScope
from portal.api.request import PortalRequest
from portal.api.views import OrganisationAPIView, RegulatorAPIView


class MeUserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()


class MeKeySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField()
    scopes = serializers.ListField(child=serializers.ChoiceField(choices=ApiKeyScope.choices))
    expires_at = serializers.DateTimeField(allow_null=True)


class MeOrganisationSerializer(serializers.Serializer):
    slug = serializers.CharField()
    legal_name = serializers.CharField()


class MeAuthoritySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    member_states = serializers.ListField(child=serializers.CharField())


class MeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["user", "api_key"])
    user = MeUserSerializer(allow_null=True)
    api_key = MeKeySerializer(allow_null=True)
    role = serializers.CharField(allow_null=True, help_text="Session users: the role here.")


class OrganisationMeSerializer(MeSerializer):
    organisation = MeOrganisationSerializer()


class RegulatorMeSerializer(MeSerializer):
    authority = MeAuthoritySerializer()
    restricted_access = serializers.BooleanField(
        help_text="Art 49(4): may read registrations of the secure non-public section."
    )


def _principal(request: PortalRequest) -> dict[str, object]:
    actor = request.actor
    if isinstance(actor, ApiKey):
        return {"kind": "api_key", "user": None, "api_key": MeKeySerializer(actor).data}
    return {"kind": "user", "user": MeUserSerializer(actor).data, "api_key": None}


class OrganisationMeView(OrganisationAPIView):
    serializer_class = OrganisationMeSerializer

    @extend_schema(operation_id="me", responses={200: OrganisationMeSerializer}, tags=["me"])
    def get(self, request: PortalRequest) -> Response:
        membership = request.membership
        return Response(
            {
                **_principal(request),
                "role": membership.role if membership else None,
                "organisation": MeOrganisationSerializer(self.organisation).data,
            }
        )


class RegulatorMeView(RegulatorAPIView):
    serializer_class = RegulatorMeSerializer

    @extend_schema(operation_id="regulator_me", responses={200: RegulatorMeSerializer}, tags=["me"])
    def get(self, request: PortalRequest) -> Response:
        membership = request.authority_membership
        return Response(
            {
                **_principal(request),
                "role": membership.role if membership else None,
                "restricted_access": bool(membership and membership.restricted_access),
                "authority": MeAuthoritySerializer(request.authority).data,
            }
        )
