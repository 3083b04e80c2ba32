"""/api/v1/mandates/: the authorised-representative mandates this organisation gave (as a
provider established outside the Union) or holds (as an EU representative): list, offer,
accept, decline, terminate (Art 22, Art 54). Public-schema rows, read through the register's
selector for this organisation's side only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from portal.api.request import PortalRequest
from portal.api.views import OrganisationViewSet
from portal.tenancy.models import Organisation
from registry.register.models import (
    Mandate,
    MandateEvent,
    MandateScope,
    MandateSubmitter,
    MandateTask,
)
from registry.register.selectors_mandates import mandates_for
from registry.register.services import mandates as services


class MandateEventSerializer(serializers.ModelSerializer):
    organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = MandateEvent
        fields = ["kind", "organisation", "actor_label", "reason", "detail", "at"]


class MandateSerializer(serializers.ModelSerializer):
    provider: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    representative: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    document_sha256 = serializers.CharField(source="document_id", read_only=True)
    side = serializers.SerializerMethodField(
        help_text="This organisation's side of the mandate: provider or representative."
    )
    events = MandateEventSerializer(many=True, read_only=True)

    class Meta:
        model = Mandate
        fields = [
            "id",
            "side",
            "provider",
            "representative",
            "status",
            "scope",
            "systems",
            "gpai_models",
            "tasks",
            "submitter",
            "verification_required",
            "starts_on",
            "ends_on",
            "document_name",
            "document_sha256",
            "reason",
            "ended_by",
            "offered_by_label",
            "created_at",
            "decided_at",
            "ended_at",
            "events",
        ]

    def get_side(self, mandate: Mandate) -> str:
        organisation = self.context.get("organisation")
        return (
            "provider"
            if organisation and mandate.provider_id == organisation.pk
            else ("representative")
        )


class MandateOfferSerializer(serializers.Serializer):
    representative = serializers.SlugField(
        help_text="The short name (slug) of the EU-established organisation on the portal."
    )
    scope = serializers.ChoiceField(choices=MandateScope.choices)
    systems = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False
    )
    gpai_models = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False
    )
    tasks = serializers.ListField(
        child=serializers.ChoiceField(choices=MandateTask.choices), allow_empty=False
    )
    submitter = serializers.ChoiceField(choices=MandateSubmitter.choices)
    verification_required = serializers.BooleanField(required=False, default=True)
    starts_on = serializers.DateField()
    # Not nullable: a multipart form cannot say null ("null" is a string); leave it out for a
    # mandate without an end date (schemathesis sent "null" to a field the document called
    # nullable).
    ends_on = serializers.DateField(
        required=False, help_text="Leave out for a mandate without an end date."
    )
    document = serializers.FileField(
        allow_empty_file=False, use_url=False, help_text="The written mandate (PDF)."
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000)


_TAGS = ["mandates"]


@extend_schema_view(
    list=extend_schema(operation_id="mandates_list", tags=_TAGS),
    retrieve=extend_schema(operation_id="mandates_retrieve", tags=_TAGS),
    create=extend_schema(
        operation_id="mandates_offer",
        tags=_TAGS,
        request={"multipart/form-data": MandateOfferSerializer},
        responses={201: MandateSerializer},
    ),
)
class MandateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    required_ability = "mandate.read"
    action_abilities = {
        "create": "mandate.offer",
        "accept": "mandate.answer",
        "decline": "mandate.answer",
        "terminate": "mandate.terminate",
    }
    serializer_class = MandateSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = ["get", "post", "head", "options"]
    # Scoped by the selector to the mandates this organisation is a party to (either side).
    dangerously_unscoped_queryset = True

    def scoped_queryset(self) -> QuerySet[Any]:
        return mandates_for(organisation=self.organisation)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "organisation": self.organisation}

    def _answer(self, mandate: Mandate, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=mandate.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def create(self, request: PortalRequest) -> Response:
        payload = MandateOfferSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        document = data.pop("document")
        representative = Organisation.objects.filter(slug=data.pop("representative")).first()
        mandate = services.mandate_offer(
            actor=request.actor,
            provider=self.organisation,
            representative=representative,
            file=document,
            filename=document.name,
            **data,
        )
        return self._answer(mandate, status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="mandates_accept", tags=_TAGS, request=None, responses=MandateSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def accept(self, request: PortalRequest, pk: str) -> Response:
        mandate = self.get_object()
        return self._answer(services.mandate_accept(actor=request.actor, mandate=mandate))

    @extend_schema(
        operation_id="mandates_decline",
        tags=_TAGS,
        request=ReasonSerializer,
        responses=MandateSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def decline(self, request: PortalRequest, pk: str) -> Response:
        mandate = self.get_object()
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(
            services.mandate_decline(
                actor=request.actor, mandate=mandate, reason=payload.validated_data["reason"]
            )
        )

    @extend_schema(
        operation_id="mandates_terminate",
        tags=_TAGS,
        request=ReasonSerializer,
        responses=MandateSerializer,
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def terminate(self, request: PortalRequest, pk: str) -> Response:
        mandate = self.get_object()
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(
            services.mandate_terminate(
                actor=request.actor,
                mandate=mandate,
                organisation=self.organisation,
                reason=payload.validated_data["reason"],
            )
        )
