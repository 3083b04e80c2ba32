"""/api/v1/webhooks/: the organisation's webhook endpoints (administrators and admin keys), their
delivery log, and a test delivery. Deliveries are signed: see registry.webhooks.signing."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.api.request import PortalRequest
from portal.api.v1.common import NO_STORE, LockedUpdateMixin, paginated_list
from portal.api.views import OrganisationViewSet
from registry.webhooks import selectors, services
from registry.webhooks.models import DeliveryState, WebhookDelivery, WebhookEndpoint, WebhookEvent


class WebhookEndpointSerializer(serializers.ModelSerializer):
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices))

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "events",
            "active",
            "created_by_label",
            "created_at",
            "updated_at",
        ]


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        help_text="The signing secret. Shown in this response only; a replay (same "
        "Idempotency-Key) returns null here."
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]


class WebhookEndpointWriteSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices), allow_empty=False
    )
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    active = serializers.BooleanField(required=False, default=True)


class WebhookEndpointUpdateSerializer(WebhookEndpointWriteSerializer):
    url = serializers.URLField(max_length=500, required=False)
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.choices),
        allow_empty=False,
        required=False,
    )
    active = serializers.BooleanField(required=False)


class WebhookDeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_id",
            "state",
            "attempts",
            "response_status",
            "error",
            "payload",
            "created_at",
            "last_attempt_at",
            "next_attempt_at",
            "delivered_at",
        ]


class DeliveryFilter(django_filters.FilterSet):
    event = django_filters.CharFilter()
    state = django_filters.ChoiceFilter(choices=DeliveryState.choices)

    class Meta:
        model = WebhookDelivery
        fields: list[str] = []


_TAGS = ["webhooks"]


@extend_schema_view(
    list=extend_schema(operation_id="webhooks_list", tags=_TAGS),
    retrieve=extend_schema(operation_id="webhooks_retrieve", tags=_TAGS),
    create=extend_schema(
        operation_id="webhooks_create",
        tags=_TAGS,
        request=WebhookEndpointWriteSerializer,
        responses={201: WebhookEndpointCreatedSerializer},
    ),
    partial_update=extend_schema(
        operation_id="webhooks_partial_update",
        tags=_TAGS,
        request=WebhookEndpointUpdateSerializer,
        responses={200: WebhookEndpointSerializer},
    ),
    destroy=extend_schema(operation_id="webhooks_destroy", tags=_TAGS),
)
class WebhookViewSet(
    LockedUpdateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet
):
    required_ability = "webhook.manage"
    serializer_class = WebhookEndpointSerializer
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    idempotency_redact = {"secret": None}

    def scoped_queryset(self) -> QuerySet[Any]:
        # Public-schema rows: the base adds organisation=<this tenant> as well.
        return selectors.webhook_endpoints(organisation=self.organisation)

    def retrieve(self, request: PortalRequest, pk: str) -> Response:
        return self.retrieve_with_etag(self.get_object())

    def create(self, request: PortalRequest) -> Response:
        payload = WebhookEndpointWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        endpoint, secret = services.webhook_endpoint_create(
            actor=request.actor,
            organisation=self.organisation,
            **payload.validated_data,
        )
        data = {**self.get_serializer(endpoint).data, "secret": secret}
        # The signing secret is in this answer only: no cache on the way may keep a copy.
        response = Response(data, status=status.HTTP_201_CREATED, headers=NO_STORE)
        return self.with_etag(response, endpoint)

    def partial_update(self, request: PortalRequest, pk: str) -> Response:
        payload = WebhookEndpointUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        return self.locked_update(
            lambda endpoint: services.webhook_endpoint_update(
                actor=request.actor,
                endpoint=endpoint,
                **payload.validated_data,
            )
        )

    def destroy(self, request: PortalRequest, pk: str) -> Response:
        return self.locked_delete(
            lambda endpoint: services.webhook_endpoint_delete(
                actor=request.actor,
                endpoint=endpoint,
            )
        )

    @extend_schema(
        operation_id="webhooks_deliveries",
        tags=_TAGS,
        responses={200: WebhookDeliverySerializer(many=True)},
        parameters=[
            OpenApiParameter("event", str, description="e.g. filing.submitted"),
            OpenApiParameter("state", str, enum=DeliveryState.values),
        ],
    )
    @action(detail=True, methods=["get"])
    def deliveries(self, request: PortalRequest, pk: str) -> Response:
        endpoint = self.get_object()
        rows = DeliveryFilter(request.query_params, selectors.webhook_deliveries(endpoint=endpoint))
        if not rows.is_valid():
            raise ValidationError(rows.errors)
        return paginated_list(self, rows.qs, WebhookDeliverySerializer)

    @extend_schema(
        operation_id="webhooks_test",
        tags=_TAGS,
        request=None,
        responses={202: WebhookDeliverySerializer},
    )
    @action(detail=True, methods=["post"])
    def test(self, request: PortalRequest, pk: str) -> Response:
        delivery = services.webhook_test_send(actor=request.actor, endpoint=self.get_object())
        return Response(WebhookDeliverySerializer(delivery).data, status=status.HTTP_202_ACCEPTED)
