"""/api/v1/evidence/: upload (multipart), list, download and link evidence files. Uploads go
through evidence_upload, so the API refuses exactly what the web form refuses (type mismatch,
executables, active PDF content, zip bombs, size), as problem+json."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from portal.api.exceptions import PROBLEM_CONTENT_TYPE
from portal.api.filters import IdFilter
from portal.api.request import PortalRequest
from portal.api.schema import ProblemSerializer
from portal.api.v1.common import DOWNLOAD_RENDERERS, IdListField, LockedUpdateMixin, file_download
from portal.api.views import OrganisationViewSet
from registry.workspace import selectors, services
from registry.workspace.models import Evidence

LINK_NAMES = ("systems", "gpai_models", "risk_records", "qms_records")


class EvidenceSerializer(serializers.ModelSerializer):
    systems = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    gpai_models = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    risk_records = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    qms_records = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    uploaded_by = serializers.IntegerField(source="uploaded_by_id", read_only=True, allow_null=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "uid",
            "title",
            "description",
            "original_filename",
            "sha256",
            "size",
            "content_type",
            "uploaded_at",
            "uploaded_by",
            "shared",
            *LINK_NAMES,
        ]
        read_only_fields = ["shared"]


class EvidenceLinksSerializer(serializers.Serializer):
    systems = IdListField(required=False)
    gpai_models = IdListField(required=False)
    risk_records = IdListField(required=False)
    qms_records = IdListField(required=False)


SHARED_HELP = (
    "Shared by the organisation: any of its filings may cite the file. Otherwise a filing cites "
    "it only when it is linked to the filing's subject (else 400 evidence_not_of_subject)."
)


class EvidenceLinkSerializer(EvidenceLinksSerializer):
    shared = serializers.BooleanField(required=False, help_text=SHARED_HELP)


class EvidenceUploadSerializer(EvidenceLinkSerializer):
    file = serializers.FileField(allow_empty_file=False, use_url=False)
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)


class EvidenceFilter(django_filters.FilterSet):
    system = IdFilter(field_name="systems")
    gpai_model = IdFilter(field_name="gpai_models")
    risk_record = IdFilter(field_name="risk_records")
    qms_record = IdFilter(field_name="qms_records")
    sha256 = django_filters.CharFilter()

    class Meta:
        model = Evidence
        fields: list[str] = []


_TAGS = ["evidence"]


@extend_schema_view(
    list=extend_schema(operation_id="evidence_list", tags=_TAGS),
    retrieve=extend_schema(operation_id="evidence_retrieve", tags=_TAGS),
    create=extend_schema(
        operation_id="evidence_upload",
        tags=_TAGS,
        request={"multipart/form-data": EvidenceUploadSerializer},
        responses={201: EvidenceSerializer},
    ),
)
class EvidenceViewSet(
    LockedUpdateMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet
):
    serializer_class = EvidenceSerializer
    filterset_class = EvidenceFilter
    lookup_value_regex = r"[0-9]+"
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = ["get", "post", "head", "options"]
    etag_actions = frozenset({"retrieve", "create", "link", "unlink"})

    def scoped_queryset(self) -> QuerySet[Any]:
        return selectors.evidence_list().distinct()

    def retrieve(self, request: PortalRequest, pk: str) -> Response:
        return self.retrieve_with_etag(self.get_object())

    def create(self, request: PortalRequest) -> Response:
        payload = EvidenceUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        upload = data["file"]
        evidence = services.evidence_upload(
            actor=request.actor,
            file=upload,
            filename=upload.name,
            title=data.get("title", ""),
            description=data.get("description", ""),
            shared=data.get("shared", False),
            **{name: data.get(name, ()) for name in LINK_NAMES},
        )
        return self.retrieve_with_etag(
            self.get_queryset().get(pk=evidence.pk), status.HTTP_201_CREATED
        )

    @extend_schema(
        operation_id="evidence_download",
        tags=_TAGS,
        responses={
            (200, "*/*"): OpenApiResponse(
                response=OpenApiTypes.BINARY,
                description="The file as uploaded, with its detected Content-Type.",
            ),
            (409, PROBLEM_CONTENT_TYPE): OpenApiResponse(
                ProblemSerializer,
                description="file_unavailable: the stored file cannot be read right now.",
            ),
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=DOWNLOAD_RENDERERS)
    def download(self, request: PortalRequest, pk: str) -> Any:
        evidence = self.get_object()
        return file_download(
            selectors.evidence_path(evidence),
            filename=evidence.original_filename,
            content_type=evidence.content_type,
        )

    @extend_schema(
        operation_id="evidence_link",
        tags=_TAGS,
        request=EvidenceLinkSerializer,
        responses={200: EvidenceSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def link(self, request: PortalRequest, pk: str) -> Response:
        return self._links(request, services.evidence_link, EvidenceLinkSerializer)

    @extend_schema(
        operation_id="evidence_unlink",
        tags=_TAGS,
        request=EvidenceLinksSerializer,
        responses={200: EvidenceSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[JSONParser])
    def unlink(self, request: PortalRequest, pk: str) -> Response:
        return self._links(request, services.evidence_unlink, EvidenceLinksSerializer)

    def _links(
        self, request: PortalRequest, service: Any, serializer: type[serializers.Serializer]
    ) -> Response:
        payload = serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        evidence = service(
            actor=request.actor,
            evidence=self.get_object(),
            **payload.validated_data,
        )
        return self.retrieve_with_etag(self.get_queryset().get(pk=evidence.pk))
