"""/api/v1/gpai-models/ and /api/v1/gpai-model-versions/: general-purpose AI models (Chapter V)
and their versions with the Model Documentation Form. Tier, systemic risk and the Art 52 due
date of a version are derived by the rules engine, so they are read-only here."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from rest_framework import serializers

from portal.api.filters import IdFilter
from portal.api.v1.common import ResourceViewSet, documented_resource
from registry.workspace import selectors, services
from registry.workspace.models import GPAIModel, GPAIModelVersion
from registry.workspace.services.gpai import MODEL_FIELDS, VERSION_FIELDS

DERIVED_VERSION_FIELDS = (
    "risk_tier",
    "systemic_risk",
    "classification",
    "art52_notification_due",
)


class GPAIModelVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = GPAIModelVersion
        fields = [
            "id",
            "uid",
            "model",
            "version",
            *VERSION_FIELDS,
            *DERIVED_VERSION_FIELDS,
            "created_at",
            "updated_at",
        ]


class GPAIModelVersionWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = GPAIModelVersion
        fields = ["model", "version", *VERSION_FIELDS]
        validators: list[Any] = []
        extra_kwargs = {name: {"required": False} for name in VERSION_FIELDS}


class GPAIModelVersionUpdateSerializer(GPAIModelVersionWriteSerializer):
    class Meta(GPAIModelVersionWriteSerializer.Meta):
        fields = list(VERSION_FIELDS)


class GPAIModelSerializer(serializers.ModelSerializer):
    versions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = GPAIModel
        fields = [
            "id",
            "uid",
            *MODEL_FIELDS,
            "systemic_risk",
            "versions",
            "created_at",
            "updated_at",
        ]


class GPAIModelWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = GPAIModel
        fields = list(MODEL_FIELDS)
        validators: list[Any] = []
        extra_kwargs = {name: {"required": False} for name in MODEL_FIELDS if name != "name"}


class GPAIModelFilter(django_filters.FilterSet):
    systemic_risk = django_filters.BooleanFilter()

    class Meta:
        model = GPAIModel
        fields: list[str] = []


class GPAIModelVersionFilter(django_filters.FilterSet):
    model = IdFilter(field_name="model_id")
    systemic_risk = django_filters.BooleanFilter()

    class Meta:
        model = GPAIModelVersion
        fields: list[str] = []


@documented_resource("gpai_models", tag="gpai models")
class GPAIModelViewSet(ResourceViewSet):
    serializer_class = GPAIModelSerializer
    write_serializer = GPAIModelWriteSerializer
    filterset_class = GPAIModelFilter

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.gpai_model_list()

    def create_row(self, actor: Any, data: dict[str, Any]) -> GPAIModel:
        return services.gpai_model_create(actor=actor, **data)

    def update_row(self, actor: Any, row: GPAIModel, data: dict[str, Any]) -> object:
        return services.gpai_model_update(actor=actor, model=row, **data)


@documented_resource("gpai_model_versions", tag="gpai models")
class GPAIModelVersionViewSet(ResourceViewSet):
    serializer_class = GPAIModelVersionSerializer
    write_serializer = GPAIModelVersionWriteSerializer
    update_serializer = GPAIModelVersionUpdateSerializer
    filterset_class = GPAIModelVersionFilter

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.gpai_model_version_list()

    def create_row(self, actor: Any, data: dict[str, Any]) -> GPAIModelVersion:
        return services.gpai_model_version_create(
            actor=actor, model=data.pop("model"), version=data.pop("version"), **data
        )

    def update_row(self, actor: Any, row: GPAIModelVersion, data: dict[str, Any]) -> object:
        return services.gpai_model_version_update(actor=actor, model_version=row, **data)
