"""/api/v1/members/: the organisation's memberships, for its administrators and admin keys."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from portal.accounts import services
from portal.accounts.models import ApiKeyScope, Membership, Role, User
from portal.api.request import PortalRequest
from portal.api.views import OrganisationViewSet
from portal.errors import NotFound


class MemberUserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name"]


class MemberSerializer(serializers.ModelSerializer):
    user = MemberUserSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "created_at"]


class MemberInviteSerializer(serializers.Serializer):
    email = serializers.EmailField(help_text="The e-mail address of an existing portal account.")
    role = serializers.ChoiceField(choices=Role.choices)


class MemberRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)


@extend_schema_view(
    list=extend_schema(operation_id="members_list", tags=["members"]),
    retrieve=extend_schema(operation_id="members_retrieve", tags=["members"]),
    create=extend_schema(
        operation_id="members_create",
        tags=["members"],
        request=MemberInviteSerializer,
        responses={201: MemberSerializer},
    ),
    partial_update=extend_schema(
        operation_id="members_partial_update",
        tags=["members"],
        request=MemberRoleSerializer,
        responses={200: MemberSerializer},
    ),
    destroy=extend_schema(operation_id="members_destroy", tags=["members"]),
)
class MemberViewSet(mixins.ListModelMixin, OrganisationViewSet):
    required_scope = ApiKeyScope.ADMIN
    required_role = Role.ADMIN
    serializer_class = MemberSerializer
    cursor_ordering = "id"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def scoped_queryset(self) -> QuerySet[Any]:
        # The base adds organisation=<this tenant>: Membership lives in the public schema.
        return Membership.objects.select_related("user")

    def retrieve(self, request: PortalRequest, pk: str) -> Response:
        membership = self.get_object()
        return self.with_etag(Response(self.get_serializer(membership).data), membership)

    def create(self, request: PortalRequest) -> Response:
        payload = MemberInviteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        email = payload.validated_data["email"]
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise NotFound(
                "No portal account has this e-mail address; ask the person to sign up first.",
                code="account_not_found",
                field_errors={"email": ["No account with this e-mail address."]},
            )
        membership = services.membership_add(
            actor=request.actor,
            organisation=self.organisation,
            user=user,
            role=payload.validated_data["role"],
        )
        response = Response(self.get_serializer(membership).data, status=status.HTTP_201_CREATED)
        return self.with_etag(response, membership)

    def partial_update(self, request: PortalRequest, pk: str) -> Response:
        payload = MemberRoleSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with transaction.atomic():
            membership = self.get_object_for_update()
            self.check_if_match(membership)
            membership = services.membership_change_role(
                actor=request.actor,
                membership=membership,
                role=payload.validated_data["role"],
            )
        membership = self.get_object()
        return self.with_etag(Response(self.get_serializer(membership).data), membership)

    def destroy(self, request: PortalRequest, pk: str) -> Response:
        with transaction.atomic():
            membership = self.get_object_for_update()
            self.check_if_match(membership)
            services.membership_remove(actor=request.actor, membership=membership)
        return Response(status=status.HTTP_204_NO_CONTENT)
