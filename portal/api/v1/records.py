"""/api/v1/risk-records/ (Art 9) and /api/v1/qms-records/ (Art 17), with QMS approval."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.filters import IdFilter
from portal.api.request import PortalRequest
from portal.api.v1.common import ResourceViewSet, documented_resource
from registry.workspace import choices, selectors, services
from registry.workspace.models import AISystem, QMSRecord, RiskRecord
from registry.workspace.services.records import QMS_FIELDS, RISK_FIELDS

# Owners are members of the organisation: given as user ids, checked by the service.
_OWNER = serializers.IntegerField(
    required=False, allow_null=True, min_value=1, max_value=2**63 - 1, help_text="A member's id."
)


class RiskRecordSerializer(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id", read_only=True, allow_null=True)

    class Meta:
        model = RiskRecord
        fields = ["id", "uid", "system", *RISK_FIELDS, "created_at", "updated_at"]


class RiskRecordWriteSerializer(serializers.ModelSerializer):
    owner = _OWNER
    system = serializers.IntegerField(min_value=1, max_value=2**63 - 1)

    class Meta:
        model = RiskRecord
        fields = ["system", *RISK_FIELDS]
        extra_kwargs = {
            name: {"required": False}
            for name in RISK_FIELDS
            if name not in ("hazard", "likelihood", "severity")
        }


class RiskRecordUpdateSerializer(RiskRecordWriteSerializer):
    class Meta(RiskRecordWriteSerializer.Meta):
        fields = list(RISK_FIELDS)


class RiskRecordFilter(django_filters.FilterSet):
    system = IdFilter(field_name="system_id")
    status = django_filters.ChoiceFilter(choices=choices.RiskStatus.choices)
    review_due_by = django_filters.DateFilter(field_name="next_review_on", lookup_expr="lte")

    class Meta:
        model = RiskRecord
        fields: list[str] = []


class QMSRecordSerializer(serializers.ModelSerializer):
    owner = serializers.IntegerField(source="owner_id", read_only=True, allow_null=True)
    approved_by = serializers.IntegerField(source="approved_by_id", read_only=True, allow_null=True)
    systems = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = QMSRecord
        fields = [
            "id",
            "uid",
            *QMS_FIELDS,
            "status",
            "approved_by",
            "approved_at",
            "systems",
            "created_at",
            "updated_at",
        ]


class QMSRecordWriteSerializer(serializers.ModelSerializer):
    owner = _OWNER
    systems = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        help_text="Ids of the AI systems this QMS document covers (Annex VII 3.1).",
    )

    class Meta:
        model = QMSRecord
        fields = [*QMS_FIELDS, "systems"]
        extra_kwargs = {
            name: {"required": False}
            for name in QMS_FIELDS
            if name not in ("aspect", "title", "document_version")
        }


class QMSRecordFilter(django_filters.FilterSet):
    aspect = django_filters.ChoiceFilter(choices=choices.QMSAspect.choices)
    status = django_filters.ChoiceFilter(choices=choices.QMSRecordStatus.choices)
    system = IdFilter(field_name="systems")

    class Meta:
        model = QMSRecord
        fields: list[str] = []


@documented_resource("risk_records", tag="records")
class RiskRecordViewSet(ResourceViewSet):
    serializer_class = RiskRecordSerializer
    write_serializer = RiskRecordWriteSerializer
    update_serializer = RiskRecordUpdateSerializer
    filterset_class = RiskRecordFilter

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.risk_record_list()

    def create_row(self, actor: Any, data: dict[str, Any]) -> RiskRecord:
        system = AISystem.objects.filter(pk=data.pop("system")).first()
        return services.risk_record_create(
            actor=actor,
            system=system if system is not None else 0,
            hazard=data.pop("hazard"),
            likelihood=data.pop("likelihood"),
            severity=data.pop("severity"),
            **data,
        )

    def update_row(self, actor: Any, row: RiskRecord, data: dict[str, Any]) -> object:
        return services.risk_record_update(actor=actor, risk_record=row, **data)


@documented_resource("qms_records", tag="records")
class QMSRecordViewSet(ResourceViewSet):
    serializer_class = QMSRecordSerializer
    write_serializer = QMSRecordWriteSerializer
    filterset_class = QMSRecordFilter
    # Approval binds the organisation's management (Art 17(1)(m)): admins and admin keys.
    action_abilities = {"approve": "qms.approve"}
    etag_actions = ResourceViewSet.etag_actions | {"approve"}

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.qms_record_list()

    def create_row(self, actor: Any, data: dict[str, Any]) -> QMSRecord:
        return services.qms_record_create(
            actor=actor,
            aspect=data.pop("aspect"),
            title=data.pop("title"),
            document_version=data.pop("document_version"),
            systems=data.pop("systems", ()),
            **data,
        )

    def update_row(self, actor: Any, row: QMSRecord, data: dict[str, Any]) -> object:
        return services.qms_record_update(actor=actor, qms_record=row, **data)

    @extend_schema(
        operation_id="qms_records_approve",
        tags=["records"],
        request=None,
        responses={200: QMSRecordSerializer},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: PortalRequest, pk: str) -> Response:
        record = services.qms_record_approve(actor=request.actor, qms_record=self.get_object())
        return self.retrieve_with_etag(self.get_queryset().get(pk=record.pk))
