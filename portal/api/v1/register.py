"""/api/v1/register/ on the public host: the public register (Art 71), anonymous and read-only.
The same data as the public pages: every read goes through registry.register.selectors_public,
so only registered, non-restricted entries and only `public_snapshot()` ever leave here (of an
Art 52 notification, only the Art 52(6) listing; model documentation never)."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api.pagination import PortalCursorPagination
from portal.api.renderers import JSONRenderer, ProblemJSONRenderer
from portal.api.schema import pdf_responses
from portal.api.v1.common import (
    DOWNLOAD_RENDERERS,
    CSVRenderer,
    export_format,
    not_found,
    paginated_list,
)
from portal.api.v1.filing_versions import (
    OLDEST_FIRST,
    PublicCopySerializer,
    as_page_source,
    public_pdf_download,
)
from portal.api.v1.regulator import OrganisationRefSerializer
from portal.api.views import PublicViewSet
from registry.register.models import Filing, FilingVersion
from registry.register.open_data import open_data_response
from registry.register.selectors_public import (
    PUBLIC_PDF_STATUSES,
    SIGNATORY_SORTS,
    RegisterFilters,
    public_entry_snapshot,
    public_register_search,
    public_risk_tier,
    public_version,
    public_versions,
    signatory_declarations,
    signatory_states,
)
from registry.register.selectors_public_copies import public_copy


class PublicFilingSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    risk_tier = serializers.SerializerMethodField()

    class Meta:
        model = Filing
        fields = [
            "id",
            "registration_number",
            "kind",
            "status",
            "organisation",
            "subject_type",
            "subject_name",
            "member_states",
            "annex_iii_area",
            "risk_tier",
            "registered_version_number",
            "latest_version_number",
            "registered_at",
        ]

    def get_risk_tier(self, filing: Filing) -> str:
        return public_risk_tier(filing)


class PublicVersionSerializer(serializers.ModelSerializer):
    pdf = serializers.SerializerMethodField()
    public_snapshot = serializers.SerializerMethodField(
        help_text="The public part of a registered version; null for versions never registered."
    )

    class Meta:
        model = FilingVersion
        fields = [
            "number",
            "status",
            "sha256",
            "submitted_at",
            "decided_at",
            "pdf",
            "public_snapshot",
        ]

    @extend_schema_field(PublicCopySerializer(allow_null=True))
    def get_pdf(self, version: FilingVersion) -> Any:
        # The public copy (docs/decisions/0008); the complete filing's PDF is never described here.
        copy = public_copy(version)
        return PublicCopySerializer(copy).data if copy is not None else None

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_public_snapshot(self, version: FilingVersion) -> Any:
        if version.status not in PUBLIC_PDF_STATUSES:
            return None
        return public_entry_snapshot(version.filing, version)


class PublicFilingDetailSerializer(PublicFilingSerializer):
    public_snapshot = serializers.SerializerMethodField(
        help_text="The public part of the registered version (Art 71(4)-(5))."
    )

    class Meta(PublicFilingSerializer.Meta):
        fields = [*PublicFilingSerializer.Meta.fields, "public_snapshot"]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_public_snapshot(self, filing: Filing) -> Any:
        return public_entry_snapshot(filing, self.context.get("registered_version"))


class SignatorySerializer(serializers.Serializer):
    """One chapter of one registered declaration (selectors_public.ChapterState)."""

    organisation = serializers.CharField()
    organisation_slug = serializers.CharField()
    country = serializers.CharField()
    registration_number = serializers.CharField()
    filing_id = serializers.CharField()
    version = serializers.IntegerField()
    current = serializers.BooleanField(help_text="The declaration in force (else history).")
    chapter = serializers.CharField()
    status = serializers.CharField()
    status_date = serializers.CharField()
    public_statement_url = serializers.CharField()
    models_covered = serializers.ListField(child=serializers.CharField())
    registered_on = serializers.DateTimeField(allow_null=True)


CHAPTERS = ["transparency", "copyright", "safety_security"]


class SignatoryQuerySerializer(serializers.Serializer):
    """The signatory register's filters: an unknown chapter is 400, not the whole register."""

    organisation = serializers.CharField(required=False)
    chapter = serializers.ChoiceField(choices=CHAPTERS, required=False)


_FILTERS = [
    OpenApiParameter("q", str, description="Name, organisation or registration number."),
    OpenApiParameter("member_state", str, description="ISO code, e.g. DE."),
    OpenApiParameter("annex_iii_area", str, description="Annex III point, e.g. 4(a)."),
    OpenApiParameter("risk_tier", str),
    OpenApiParameter("organisation", str, description="The organisation's slug."),
]
_FORMAT = OpenApiParameter("format", str, enum=["json", "csv"], description="Default json.")
_NUMBER = OpenApiParameter("number", int, OpenApiParameter.PATH, description="Version number.")
_TAGS = ["public register"]
JSON_ROWS = {"type": "array", "items": {"type": "object", "additionalProperties": True}}
_EXPORT_RENDERERS = [JSONRenderer, ProblemJSONRenderer, CSVRenderer]


def _export(request: Request, dataset: str) -> Any:
    return open_data_response(dataset, export_format(request))


@extend_schema_view(
    list=extend_schema(operation_id="register_filings_list", tags=_TAGS, parameters=_FILTERS),
    retrieve=extend_schema(
        operation_id="register_filings_retrieve",
        tags=_TAGS,
        responses={200: PublicFilingDetailSerializer},
    ),
)
class PublicRegisterViewSet(mixins.ListModelMixin, PublicViewSet):
    serializer_class = PublicFilingSerializer
    lookup_value_regex = r"[0-9a-fA-F-]{36}"
    cursor_ordering = "registration_number"
    filterset_class = None

    def scoped_queryset(self) -> QuerySet[Any]:
        params = self.request.query_params if hasattr(self, "request") else {}
        return public_register_search(
            RegisterFilters(
                q=params.get("q", ""),
                member_state=params.get("member_state", ""),
                annex_iii_area=params.get("annex_iii_area", ""),
                risk_tier=params.get("risk_tier", ""),
                organisation=params.get("organisation", ""),
            )
        )

    def retrieve(self, request: Request, pk: str) -> Response:
        filing = self.get_object()
        registered = public_version(filing, filing.registered_version_number or 0)
        serializer = PublicFilingDetailSerializer(
            filing, context={"registered_version": registered}
        )
        return Response(serializer.data)

    @extend_schema(
        operation_id="register_filings_versions",
        tags=_TAGS,
        responses={200: PublicVersionSerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, pk: str) -> Response:
        versions = public_versions(self.get_object())
        rows = as_page_source(versions).select_related("filing", "public_rendition")
        return paginated_list(self, rows, PublicVersionSerializer, ordering=OLDEST_FIRST)

    @extend_schema(
        operation_id="register_filings_version_pdf",
        tags=_TAGS,
        parameters=[_NUMBER],
        responses=pdf_responses(
            "The public copy of the registered version (its public part only)."
        ),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]+)/pdf",
        renderer_classes=DOWNLOAD_RENDERERS,
    )
    def version_pdf(self, request: Request, pk: str, number: str) -> Any:
        version = public_version(self.get_object(), int(number))
        if version is None or public_copy(version) is None:
            raise not_found("No public PDF of this version.", "version_not_found")
        return public_pdf_download(version)  # the public copy, never the complete filing

    @extend_schema(
        operation_id="register_export",
        tags=_TAGS,
        parameters=[_FORMAT],
        responses={
            (200, "application/json"): OpenApiResponse(
                response=JSON_ROWS, description="Every public entry."
            ),
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR, description="The same rows as CSV."
            ),
        },
    )
    @action(detail=False, methods=["get"], renderer_classes=_EXPORT_RENDERERS)
    def export(self, request: Request) -> Any:
        return _export(request, "register")


@extend_schema_view(
    list=extend_schema(
        operation_id="register_signatories_list",
        tags=_TAGS,
        parameters=[
            OpenApiParameter("organisation", str, description="The organisation's slug."),
            OpenApiParameter("chapter", str, enum=CHAPTERS),
        ],
        responses={200: SignatorySerializer(many=True)},
    ),
)
class SignatoryViewSet(PublicViewSet):
    serializer_class = SignatorySerializer

    def scoped_queryset(self) -> QuerySet[Any]:
        return Filing.objects.none()  # rows come from signatory_states(), not a queryset

    def list(self, request: Request) -> Response:
        query = SignatoryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        # The page is of declarations (one per organisation); its rows are their chapters.
        paginator = cast(PortalCursorPagination, self.paginator)
        declarations = paginator.paginate_queryset(
            signatory_declarations(organisation=query.validated_data.get("organisation", "")),
            request,
            view=self,
            ordering=SIGNATORY_SORTS[0].fields,
        )
        states = signatory_states(
            chapter=query.validated_data.get("chapter", ""), declarations=declarations
        )
        return self.get_paginated_response(SignatorySerializer(list(states), many=True).data)

    @extend_schema(
        operation_id="register_signatories_export",
        tags=_TAGS,
        parameters=[_FORMAT],
        responses={
            (200, "application/json"): OpenApiResponse(
                response=JSON_ROWS, description="Every signatory row."
            ),
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.STR, description="The same rows as CSV."
            ),
        },
    )
    @action(detail=False, methods=["get"], renderer_classes=_EXPORT_RENDERERS)
    def export(self, request: Request) -> Any:
        return _export(request, "signatories")
