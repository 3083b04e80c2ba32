"""/api/v1/members/: the organisation's memberships, for its administrators and admin keys."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from portal.accounts import services
from portal.accounts.invitations import member_invite
from portal.accounts.models import Membership, Role, User
from portal.api.request import PortalRequest
from portal.api.views import OrganisationViewSet


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
    email = serializers.EmailField(
        help_text="The person's e-mail address, with or without a portal account."
    )
    role = serializers.ChoiceField(choices=Role.choices)


class MemberInvitationSerializer(serializers.Serializer):
    """The answer to an invitation: the same fields whether or not the address had an account,
    and no name, so that the API cannot be used to learn who has one."""

    id = serializers.IntegerField(help_text="The invitation (not a membership: none exists yet).")
    email = serializers.EmailField(help_text="The address invited, in lower case.")
    role = serializers.ChoiceField(choices=Role.choices)
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(help_text="Until when the e-mailed link works.")


class MemberRoleSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)


@extend_schema_view(
    list=extend_schema(operation_id="members_list", tags=["members"]),
    retrieve=extend_schema(operation_id="members_retrieve", tags=["members"]),
    create=extend_schema(
        operation_id="members_create",
        tags=["members"],
        request=MemberInviteSerializer,
        responses={202: MemberInvitationSerializer},
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
    required_ability = "member.manage"
    serializer_class = MemberSerializer
    cursor_ordering = "id"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    etag_actions = frozenset({"retrieve", "partial_update"})

    def scoped_queryset(self) -> QuerySet[Any]:
        # The base adds organisation=<this tenant>: Membership lives in the public schema.
        return Membership.objects.select_related("user")

    def retrieve(self, request: PortalRequest, pk: str) -> Response:
        membership = self.get_object()
        return self.with_etag(Response(self.get_serializer(membership).data), membership)

    def create(self, request: PortalRequest) -> Response:
        payload = MemberInviteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        assert request.actor is not None  # check_access has run
        invitation = member_invite(
            actor=request.actor,
            organisation=self.organisation,
            email=payload.validated_data["email"],
            role=payload.validated_data["role"],
        )
        return Response(
            MemberInvitationSerializer(invitation).data, status=status.HTTP_202_ACCEPTED
        )

    def partial_update(self, request: PortalRequest, pk: str) -> Response:
        # PATCH as everywhere: what is left out stays as it is (`{}` changes nothing).
        payload = MemberRoleSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        with transaction.atomic():
            membership = self.get_object_for_update()
            self.check_if_match(membership)
            if "role" in payload.validated_data:
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
