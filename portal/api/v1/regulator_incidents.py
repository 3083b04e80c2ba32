"""/api/v1/regulator/incidents/ on the public host: the serious-incident reports addressed to one
authority (Art 73, Art 55(1)(c)), their versions and PDFs, and the authority's four steps.

Scoping as for filings (portal/api/v1/regulator.py): a session user acts through one authority
membership (X-Authority picks one), an authority's API key as a reviewer of its authority without
restricted access. A report addressed to another authority, or a restricted one (Art 74(8)) for a
caller without that access, does not exist (404). Reading needs the key scope `read`, acting
`write` (portal.authz: incident.read, incident.act)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.accounts.models import AuthorityMembership
from portal.api.request import PortalRequest
from portal.api.schema import pdf_responses
from portal.api.v1.common import DOWNLOAD_RENDERERS, not_found, paginated_list
from portal.api.v1.incident_versions import (
    IncidentReportSerializer,
    IncidentStepSerializer,
    IncidentVersionSerializer,
    incident_pdf_download,
)
from portal.api.v1.regulator import OrganisationRefSerializer
from portal.api.views import RegulatorViewSet
from registry.register.models.incidents import (
    IncidentHarm,
    IncidentMeasure,
    IncidentRegime,
    IncidentReport,
    IncidentReportVersion,
    IncidentStatus,
)
from registry.register.selectors import regulator_key_membership
from registry.register.selectors_incidents_console import (
    incident_version,
    incidents_for_authority,
    overdue_q,
)
from registry.register.services import incident_review
from registry.workspace.choices import MemberState


class RegulatorIncidentSerializer(IncidentReportSerializer):
    """The report as the register holds it, with the organisation that sent it and whether it is
    overdue (the inbox's flag)."""

    organisation = OrganisationRefSerializer(read_only=True)
    overdue = serializers.BooleanField(
        read_only=True,
        help_text="Open and waiting on the next report or the requested information past its date.",
    )

    class Meta(IncidentReportSerializer.Meta):
        fields = [*IncidentReportSerializer.Meta.fields, "organisation", "overdue"]
        read_only_fields = fields


class RegulatorIncidentDetailSerializer(RegulatorIncidentSerializer):
    latest_snapshot = serializers.SerializerMethodField(
        help_text="The latest version exactly as filed (canonical JSON's data)."
    )
    versions = IncidentVersionSerializer(many=True, read_only=True)
    steps = IncidentStepSerializer(many=True, read_only=True)

    class Meta(RegulatorIncidentSerializer.Meta):
        fields = [*RegulatorIncidentSerializer.Meta.fields, "latest_snapshot", "versions", "steps"]
        read_only_fields = fields

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_latest_snapshot(self, report: IncidentReport) -> dict[str, Any] | None:
        versions = list(report.versions.all())
        return versions[-1].snapshot if versions else None


class RequestInformationSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=5000, help_text="What the provider must tell.")
    due_on = serializers.DateField(
        help_text="The day by which the information is due: from today to a year ahead."
    )


class RecordMeasureSerializer(serializers.Serializer):
    measure = serializers.ChoiceField(choices=IncidentMeasure.choices)
    note = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        help_text="Details of the measure; required for `other`.",
    )


class CloseSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class OverdueFilter(django_filters.BooleanFilter):
    """`?overdue=true`: open reports waiting on something past its date (the inbox's flag)."""

    def filter(self, qs: QuerySet[Any], value: bool | None) -> QuerySet[Any]:
        if value is None:
            return qs
        late = overdue_q(timezone.localdate())
        return qs.filter(late) if value else qs.exclude(late)


class IncidentFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=IncidentStatus.choices)
    regime = django_filters.ChoiceFilter(choices=IncidentRegime.choices)
    member_state = django_filters.ChoiceFilter(choices=MemberState.choices)
    harm = django_filters.ChoiceFilter(choices=IncidentHarm.choices, method="filter_harm")
    overdue = OverdueFilter()
    restricted = django_filters.BooleanFilter()

    class Meta:
        model = IncidentReport
        fields: list[str] = []

    def filter_harm(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(harms__contains=[value]) if value else queryset


_TAGS = ["regulator"]
_NUMBER = OpenApiParameter("number", int, OpenApiParameter.PATH, description="Version number.")


def _action_schema(operation_id: str, request: Any) -> Any:
    return extend_schema(
        operation_id=operation_id,
        tags=_TAGS,
        request=request,
        responses={200: RegulatorIncidentDetailSerializer},
    )


@extend_schema_view(
    list=extend_schema(operation_id="regulator_incidents_list", tags=_TAGS),
    retrieve=extend_schema(
        operation_id="regulator_incidents_retrieve",
        tags=_TAGS,
        responses={200: RegulatorIncidentDetailSerializer},
    ),
)
class RegulatorIncidentViewSet(mixins.ListModelMixin, RegulatorViewSet):
    serializer_class = RegulatorIncidentSerializer
    filterset_class = IncidentFilter
    lookup_value_regex = r"[0-9a-fA-F-]{36}"
    # The latest received first (index incident_inbox_idx).
    cursor_ordering = ("-first_report_at", "-id")
    http_method_names = ["get", "post", "head", "options"]
    required_ability = {"GET": "incident.read", "POST": "incident.act"}

    def _membership(self) -> AuthorityMembership | None:
        request = self.request
        if request.api_key is not None:
            return regulator_key_membership(request.api_key)
        return request.authority_membership

    def scoped_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):
            return IncidentReport.objects.none()
        membership = self._membership()
        if membership is None:
            return IncidentReport.objects.none()
        return incidents_for_authority(
            authority=membership.authority, restricted_access=membership.restricted_access
        )

    def _detail(self, report: IncidentReport) -> Response:
        report = (
            self.get_queryset()
            .prefetch_related("versions__pdf_job", "steps__authority")
            .get(pk=report.pk)
        )
        return Response(RegulatorIncidentDetailSerializer(report).data)

    def retrieve(self, request: PortalRequest, pk: str) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        operation_id="regulator_incidents_versions",
        tags=_TAGS,
        responses={200: IncidentVersionSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def versions(self, request: PortalRequest, pk: str) -> Response:
        report = self.get_object()
        rows = IncidentReportVersion.objects.filter(report=report).select_related("pdf_job")
        return paginated_list(self, rows, IncidentVersionSerializer, ordering=("number",))

    @extend_schema(
        operation_id="regulator_incidents_version_pdf",
        tags=_TAGS,
        parameters=[_NUMBER],
        responses=pdf_responses("The version's PDF."),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]{1,9})/pdf",
        renderer_classes=DOWNLOAD_RENDERERS,
        filterset_class=None,
    )
    def version_pdf(self, request: PortalRequest, pk: str, number: str) -> Any:
        report = self.get_object()
        version = incident_version(report, int(number))
        if version is None:
            raise not_found("No such version of this report.", "version_not_found")
        return incident_pdf_download(version)

    @_action_schema("regulator_incidents_acknowledge", None)
    @action(detail=True, methods=["post"], filterset_class=None)
    def acknowledge(self, request: PortalRequest, pk: str) -> Response:
        report = self.get_object()
        incident_review.incident_acknowledge(actor=request.actor, report=report)
        return self._detail(report)

    @_action_schema("regulator_incidents_request_information", RequestInformationSerializer)
    @action(detail=True, methods=["post"], url_path="request-information", filterset_class=None)
    def request_information(self, request: PortalRequest, pk: str) -> Response:
        payload = RequestInformationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = self.get_object()
        incident_review.incident_request_information(
            actor=request.actor,
            report=report,
            question=payload.validated_data["question"],
            due_on=payload.validated_data["due_on"],
        )
        return self._detail(report)

    @_action_schema("regulator_incidents_record_measure", RecordMeasureSerializer)
    @action(detail=True, methods=["post"], url_path="record-measure", filterset_class=None)
    def record_measure(self, request: PortalRequest, pk: str) -> Response:
        payload = RecordMeasureSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = self.get_object()
        incident_review.incident_record_measure(
            actor=request.actor,
            report=report,
            measure=payload.validated_data["measure"],
            note=payload.validated_data.get("note", ""),
        )
        return self._detail(report)

    @_action_schema("regulator_incidents_close", CloseSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def close(self, request: PortalRequest, pk: str) -> Response:
        payload = CloseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = self.get_object()
        incident_review.incident_close(
            actor=request.actor, report=report, note=payload.validated_data.get("note", "")
        )
        return self._detail(report)
