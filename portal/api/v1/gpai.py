"""/api/v1/gpai-models/ and /api/v1/gpai-model-versions/: general-purpose AI models (Chapter V)
and their versions with the Model Documentation Form. Tier, systemic risk and the Art 52 due
date of a version are derived by the rules engine, so they are read-only here."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response

from portal.api.filters import IdFilter
from portal.api.request import PortalRequest
from portal.api.v1.common import ResourceViewSet, resource_schema
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


@extend_schema_view(
    **resource_schema(
        "gpai_models",
        tag="gpai models",
        write=GPAIModelWriteSerializer,
        update=GPAIModelWriteSerializer,
        read=GPAIModelSerializer,
    )
)
class GPAIModelViewSet(ResourceViewSet):
    serializer_class = GPAIModelSerializer
    filterset_class = GPAIModelFilter

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.gpai_model_list()

    def create(self, request: PortalRequest) -> Response:
        payload = GPAIModelWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        model = services.gpai_model_create(actor=request.actor, **payload.validated_data)
        return self.retrieve_with_etag(
            self.get_queryset().get(pk=model.pk), status.HTTP_201_CREATED
        )

    def partial_update(self, request: PortalRequest, pk: str) -> Response:
        payload = GPAIModelWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        return self.locked_update(
            lambda model: services.gpai_model_update(
                actor=request.actor,
                model=model,
                **payload.validated_data,
            )
        )


@extend_schema_view(
    **resource_schema(
        "gpai_model_versions",
        tag="gpai models",
        write=GPAIModelVersionWriteSerializer,
        update=GPAIModelVersionUpdateSerializer,
        read=GPAIModelVersionSerializer,
    )
)
class GPAIModelVersionViewSet(ResourceViewSet):
    serializer_class = GPAIModelVersionSerializer
    filterset_class = GPAIModelVersionFilter

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.gpai_model_version_list()

    def create(self, request: PortalRequest) -> Response:
        payload = GPAIModelVersionWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        row = services.gpai_model_version_create(
            actor=request.actor,
            model=data.pop("model"),
            version=data.pop("version"),
            **data,
        )
        return self.retrieve_with_etag(row, status.HTTP_201_CREATED)

    def partial_update(self, request: PortalRequest, pk: str) -> Response:
        payload = GPAIModelVersionUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        return self.locked_update(
            lambda row: services.gpai_model_version_update(
                actor=request.actor,
                model_version=row,
                **payload.validated_data,
            )
        )
