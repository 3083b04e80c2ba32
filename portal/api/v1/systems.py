"""/api/v1/systems/: AI systems (CRUD) and their classification history (POST = classify)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api.filters import InstantFilter, MemberStateFilter
from portal.api.request import PortalRequest
from portal.api.rows import RowPlan
from portal.api.v1.classify import ClassifyRequestSerializer, ContractResultSerializer
from portal.api.v1.common import ResourceViewSet, documented_resource, paginated_list
from registry.workspace import choices, selectors, services
from registry.workspace.models import AISystem, Classification

# Set by system_classify from the rules engine, never by a caller.
DERIVED_FIELDS = (
    "risk_tier",
    "registration_section",
    "registration_visibility",
    "compliance_deadline",
)


class SystemClassificationSerializer(serializers.ModelSerializer):
    result = serializers.SerializerMethodField(
        help_text="The rules engine's answer, as it was given (classification-contract.md)."
    )
    classified_by = serializers.SerializerMethodField()

    class Meta:
        model = Classification
        fields = [
            "id",
            "system",
            "risk_tier",
            "calendar",
            "ruleset_version",
            "facts",
            "result",
            "classified_at",
            "classified_by",
        ]

    @extend_schema_field(ContractResultSerializer)
    def get_result(self, row: Classification) -> dict[str, Any]:
        # Stored as produced by its ruleset version: never re-shaped, never re-validated.
        return row.result

    def get_classified_by(self, row: Classification) -> str | None:
        return row.classified_by.email if row.classified_by_id and row.classified_by else None


class LatestClassificationSerializer(SystemClassificationSerializer):
    class Meta(SystemClassificationSerializer.Meta):
        fields = ["id", "risk_tier", "calendar", "ruleset_version", "result", "classified_at"]


class SystemSerializer(serializers.ModelSerializer):
    latest_classification = LatestClassificationSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AISystem
        fields = [
            "id",
            "uid",
            *services.SYSTEM_FIELDS,
            *DERIVED_FIELDS,
            "latest_classification",
            "created_at",
            "updated_at",
        ]


class ClassificationSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Classification
        fields = ["id", "risk_tier", "calendar", "ruleset_version", "classified_at"]


# A component name that is not "SystemList", whose page would be PaginatedSystemListList.
@extend_schema_serializer(component_name="SystemListItem")
class SystemListSerializer(SystemSerializer):
    """A page of systems: every field, and the latest classification as a summary. The rules
    engine's whole answer (explanation, obligations) is on the system's own URL; repeating it
    50 times made a page twice the size and the list several times slower (bench/api_read.py)."""

    latest_classification = ClassificationSummarySerializer(read_only=True, allow_null=True)


# A page of systems is served from .values() rows through this plan of SystemListSerializer:
# the same JSON, without building and walking a serializer per row (bench/api_read.py).
SYSTEM_LIST_ROWS = RowPlan(SystemListSerializer)


class SystemWriteSerializer(serializers.ModelSerializer):
    """Any Annex VIII item may be given now or later; the service checks the whole system."""

    class Meta:
        model = AISystem
        fields = list(services.SYSTEM_FIELDS)
        # Uniqueness is the service's to check (full_clean), with the other rules, in one answer.
        validators: list[Any] = []
        extra_kwargs = {
            name: {"required": False}
            for name in services.SYSTEM_FIELDS
            if name not in ("trade_name", "role")
        }


class SystemFilter(django_filters.FilterSet):
    risk_tier = django_filters.ChoiceFilter(choices=choices.RiskTier.choices)
    role = django_filters.ChoiceFilter(choices=choices.OperatorRole.choices)
    status = django_filters.ChoiceFilter(choices=choices.SystemStatus.choices)
    annex_iii_area = django_filters.ChoiceFilter(choices=choices.AnnexIIIArea.choices)
    member_state = MemberStateFilter()
    search = django_filters.CharFilter(method="filter_search", help_text="Name or reference.")
    updated_after = InstantFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = AISystem
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(
            Q(trade_name__icontains=value) | Q(system_reference__icontains=value)
        )


_TAGS = ["systems"]


@documented_resource(
    "systems",
    tag="systems",
    # A page of systems carries a summary of the latest classification only.
    list=extend_schema(
        operation_id="systems_list",
        tags=_TAGS,
        responses={200: SystemListSerializer(many=True)},
    ),
    destroy=extend_schema(operation_id="systems_destroy", tags=_TAGS),
)
class SystemViewSet(ResourceViewSet):
    serializer_class = SystemSerializer
    write_serializer = SystemWriteSerializer
    filterset_class = SystemFilter
    http_method_names = [*ResourceViewSet.http_method_names, "delete"]
    # Deleting takes the history with it: administrators (and admin keys) only.
    required_ability = {"DELETE": "system.delete"}

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.ai_system_list()

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return SystemListSerializer if self.action == "list" else SystemSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset()).values(*SYSTEM_LIST_ROWS.columns)
        page = self.paginate_queryset(queryset) or []
        return self.get_paginated_response(SYSTEM_LIST_ROWS.dump(page))

    def create_row(self, actor: Any, data: dict[str, Any]) -> AISystem:
        return services.ai_system_create(actor=actor, **data)

    def update_row(self, actor: Any, row: AISystem, data: dict[str, Any]) -> object:
        return services.ai_system_update(actor=actor, system=row, **data)

    def destroy(self, request: PortalRequest, pk: str) -> Response:
        return self.locked_delete(
            lambda system: services.ai_system_delete(actor=request.actor, system=system)
        )

    @extend_schema(
        methods=["GET"],
        operation_id="systems_classifications_list",
        tags=_TAGS,
        responses={200: SystemClassificationSerializer(many=True)},
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        operation_id="systems_classify",
        tags=_TAGS,
        request=ClassifyRequestSerializer,
        responses={201: SystemClassificationSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="classifications", filterset_class=None)
    def classifications(self, request: PortalRequest, pk: str) -> Response:
        system = self.get_object()
        if request.method == "GET":
            history = selectors.system_classification_history(system=system)
            return paginated_list(self, history, SystemClassificationSerializer)
        payload = ClassifyRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        classification = services.system_classify(
            actor=request.actor,
            system=system,
            facts=payload.validated_data["facts"],
            calendar=payload.validated_data.get("calendar"),
        )
        return Response(
            SystemClassificationSerializer(classification).data, status=status.HTTP_201_CREATED
        )
