"""/api/v1/rights-requests/: the provider's inbox of rights holders' requests (Art 53(1)(c),
Code of Practice Measure 1.5): list and read (editors, keys with the write scope), answer and
reject (administrators, keys with the admin scope). Requests are public-schema rows of this
organisation; the services mail the requester."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.request import PortalRequest
from portal.api.views import OrganisationViewSet
from registry.register.models import RightsRequest
from registry.register.selectors_rights_requests import is_overdue, rights_request_inbox
from registry.register.services import rights_requests as services
from registry.register.services.rights_requests import LIMITS


class RightsRequestSerializer(serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField()
    work_urls = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    class Meta:
        model = RightsRequest
        fields = [
            "id", "reference", "kind", "status", "model_name", "requester_name",
            "requester_email", "acting_for", "rights_holder", "works", "work_urls",
            "request_text", "answer", "rejection_reason", "confirmed_at", "due_on",
            "review_started_at", "closed_at", "overdue", "events",
        ]  # fmt: skip

    def get_overdue(self, obj: RightsRequest) -> bool:
        return is_overdue(obj)

    def get_work_urls(self, obj: RightsRequest) -> list[str]:
        return [line for line in obj.work_urls.splitlines() if line]

    def get_events(self, obj: RightsRequest) -> list[dict[str, Any]]:
        return [
            {"kind": e.kind, "at": e.at.isoformat(), "actor": e.actor_label}
            for e in obj.events.all()
        ]


class RightsRequestRowSerializer(serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = RightsRequest
        fields = [
            "id", "reference", "kind", "status", "model_name", "confirmed_at", "due_on",
            "closed_at", "overdue",
        ]  # fmt: skip

    def get_overdue(self, obj: RightsRequest) -> bool:
        return is_overdue(obj)


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField(max_length=LIMITS["request_text"])


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=LIMITS["request_text"])


_TAGS = ["rights-requests"]


@extend_schema_view(
    list=extend_schema(
        operation_id="rights_requests_list",
        tags=_TAGS,
        responses={200: RightsRequestRowSerializer(many=True)},
    ),
    retrieve=extend_schema(operation_id="rights_requests_retrieve", tags=_TAGS),
)
class RightsRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    required_ability = "rights_request.read"
    action_abilities = {"answer": "rights_request.answer", "reject": "rights_request.answer"}
    serializer_class = RightsRequestSerializer
    lookup_value_regex = r"[0-9a-f-]{36}"
    # Newest received first; confirmed_at is set on every row this list serves.
    cursor_ordering = ("-confirmed_at", "-id")

    def get_serializer_class(self) -> Any:
        return RightsRequestRowSerializer if self.action == "list" else RightsRequestSerializer

    def scoped_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return RightsRequest.objects.none()
        # Public-schema rows: the base adds organisation=<this tenant> as well.
        rows = rights_request_inbox(actor=self.request.actor, organisation=self.organisation)
        if getattr(self, "action", None) == "list":
            return rows
        return rows.defer(None).prefetch_related("events")  # the whole row, with its history

    @extend_schema(
        operation_id="rights_requests_answer",
        tags=_TAGS,
        request=AnswerSerializer,
        responses={200: RightsRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: PortalRequest, pk: str) -> Response:
        payload = AnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        found = self.get_object()
        services.rights_request_answer(
            actor=request.actor,
            organisation=self.organisation,
            request_id=found.pk,
            answer=payload.validated_data["answer"],
        )
        return Response(RightsRequestSerializer(self.get_object()).data)

    @extend_schema(
        operation_id="rights_requests_reject",
        tags=_TAGS,
        request=RejectSerializer,
        responses={200: RightsRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: PortalRequest, pk: str) -> Response:
        payload = RejectSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        found = self.get_object()
        services.rights_request_reject(
            actor=request.actor,
            organisation=self.organisation,
            request_id=found.pk,
            reason=payload.validated_data["reason"],
        )
        return Response(RightsRequestSerializer(self.get_object()).data)
