"""/api/v1/incidents/: the organisation's serious-incident reports (Art 73, Art 55(1)(c)).

An incident here is the organisation's draft (an id of this organisation); sending it (scope
`submit`) files the next immutable version of its report in the register, addressed to one
authority. The report's `reference` and `id` are what the authority and webhooks use."""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.request import PortalRequest
from portal.api.schema import pdf_responses, present, when
from portal.api.v1.common import (
    DOWNLOAD_RENDERERS,
    LockedUpdateMixin,
    not_found,
    paginated_list,
    resource_schema,
)
from portal.api.v1.incident_versions import (
    IncidentReportSerializer,
    IncidentStepSerializer,
    IncidentVersionSerializer,
    incident_pdf_download,
)
from portal.api.views import OrganisationViewSet
from registry.register.models import (
    IncidentHarm,
    IncidentRegime,
    IncidentReportVersion,
    IncidentStage,
)
from registry.workspace import choices
from registry.workspace.models import IncidentDraft
from registry.workspace.selectors.incidents import (
    IncidentRow,
    incident_detail,
    incident_draft_list,
    incident_report_version,
    incident_rows,
)
from registry.workspace.services.incidents import (
    incident_draft_create,
    incident_draft_discard,
    incident_draft_submit,
    incident_draft_update,
)


class ClockSerializer(serializers.Serializer):
    due_on = serializers.DateField(allow_null=True, help_text="What is due next, by this date.")
    what = serializers.CharField(help_text="What is due: the initial report, the next one, ...")
    citation = serializers.CharField(help_text="The rule that sets the date.")
    overdue = serializers.BooleanField()
    days_left = serializers.IntegerField(allow_null=True)
    late_initial = serializers.BooleanField(help_text="The initial report was sent late.")


class IncidentSerializer(serializers.ModelSerializer):
    system: Any = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    gpai_model: Any = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    report = serializers.SerializerMethodField(
        help_text="The report in the register once sent; null while it is a draft."
    )
    clock = serializers.SerializerMethodField()

    class Meta:
        model = IncidentDraft
        fields = [
            "id",
            "uid",
            "regime",
            "system",
            "gpai_model",
            "title",
            "member_state",
            "harms",
            "widespread",
            "aware_on",
            "occurred_on",
            "description",
            "causal_link",
            "affected",
            "immediate_actions",
            "risk_assessment",
            "corrective_actions",
            "root_cause",
            "resolved_on",
            "provider_informed_on",
            "provider_informed_note",
            "register_report_id",
            "last_submitted_number",
            "last_submitted_at",
            "created_at",
            "updated_at",
            "report",
            "clock",
        ]
        read_only_fields = fields

    def _row(self, draft: IncidentDraft) -> IncidentRow:
        rows: dict[int, IncidentRow] = self.context.get("rows", {})
        return rows.get(draft.pk) or incident_rows([draft])[0]

    @extend_schema_field(IncidentReportSerializer(allow_null=True))
    def get_report(self, draft: IncidentDraft) -> dict[str, Any] | None:
        report = self._row(draft).report
        return IncidentReportSerializer(report).data if report is not None else None

    @extend_schema_field(ClockSerializer())
    def get_clock(self, draft: IncidentDraft) -> dict[str, Any]:
        clock = self._row(draft).clock
        return ClockSerializer(vars(clock)).data


ART73_HARMS = [value for value in IncidentHarm.values if value != "cybersecurity"]
_TEXT: dict[str, Any] = {"required": False, "allow_blank": True, "max_length": 20000}


class IncidentWriteSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, max_length=200)
    member_state = serializers.ChoiceField(
        choices=choices.MemberState.choices,
        required=False,
        allow_blank=True,
        help_text="Art 73(1): where the incident occurred; its authority receives the report.",
    )
    harms = serializers.ListField(
        child=serializers.ChoiceField(choices=IncidentHarm.choices),
        required=False,
        min_length=1,
        help_text="Art 3(49) (a)-(d); `cybersecurity` only for GPAI models (CoP Measure 9.3).",
    )
    widespread = serializers.BooleanField(
        required=False, help_text="Art 3(61), Art 73(3): a widespread infringement (2 days)."
    )
    aware_on = serializers.DateField(required=False, help_text="The clock runs from this day.")
    occurred_on = serializers.DateField(required=False, allow_null=True)
    description = serializers.CharField(**_TEXT)
    causal_link = serializers.CharField(**_TEXT)
    affected = serializers.CharField(**_TEXT)
    immediate_actions = serializers.CharField(**_TEXT)
    risk_assessment = serializers.CharField(**_TEXT, help_text="Art 73(6).")
    corrective_actions = serializers.CharField(**_TEXT, help_text="Art 73(6).")
    root_cause = serializers.CharField(**_TEXT)
    resolved_on = serializers.DateField(required=False, allow_null=True)
    provider_informed_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="Art 26(5): a deployer records when it informed the provider (required to "
        "send a deployer's report).",
    )
    provider_informed_note = serializers.CharField(**_TEXT)


class IncidentCreateSerializer(IncidentWriteSerializer):
    regime = serializers.ChoiceField(choices=IncidentRegime.choices)
    system = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="art73: the high-risk AI system.",
    )
    gpai_model = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**63 - 1,
        help_text="art55: the GPAI model with systemic risk.",
    )
    title = serializers.CharField(max_length=200)
    harms = serializers.ListField(
        child=serializers.ChoiceField(choices=IncidentHarm.choices), min_length=1
    )
    aware_on = serializers.DateField()

    # The subject each regime needs, and Art 73's harms (no CoP cybersecurity), documented.
    schema_rules: ClassVar[list[dict[str, Any]]] = [
        when(
            "regime",
            ["art73"],
            present(
                "system",
                system={"type": "integer"},
                harms={"type": "array", "items": {"enum": ART73_HARMS}},
            ),
        ),
        when("regime", ["art55"], present("gpai_model", gpai_model={"type": "integer"})),
    ]


class IncidentSubmitSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(
        choices=[(value, label) for value, label in IncidentStage.choices if value != "initial"],
        required=False,
        help_text="For a later version: follow_up (the default under Art 73), intermediate "
        "(the default under Art 55) or final. The first version is always the initial report.",
    )


class IncidentStatusSerializer(serializers.Serializer):
    incident = serializers.IntegerField()
    report = IncidentReportSerializer(allow_null=True)
    latest_version = IncidentVersionSerializer(allow_null=True)
    steps = IncidentStepSerializer(many=True)


class IncidentFilter(django_filters.FilterSet):
    regime = django_filters.ChoiceFilter(choices=IncidentRegime.choices)
    submitted = django_filters.BooleanFilter(
        field_name="register_report_id", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = IncidentDraft
        fields: list[str] = []


_TAGS = ["incidents"]
_NUMBER = OpenApiParameter("number", int, OpenApiParameter.PATH, description="Version number.")


@extend_schema_view(
    **resource_schema(
        "incidents",
        tag="incidents",
        write=IncidentCreateSerializer,
        update=IncidentWriteSerializer,
        read=IncidentSerializer,
    ),
    destroy=extend_schema(operation_id="incidents_destroy", tags=_TAGS),
)
class IncidentViewSet(LockedUpdateMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilter
    lookup_value_regex = r"[0-9]+"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    required_ability = {
        "GET": "workspace.read",
        "POST": "incident.prepare",
        "PATCH": "incident.prepare",
        "DELETE": "incident.prepare",
    }
    action_abilities = {"submit": "incident.submit"}

    def scoped_queryset(self) -> QuerySet[Any]:
        return incident_draft_list()

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "rows": getattr(self, "_rows", {})}

    def _load(self, drafts: list[IncidentDraft]) -> None:
        self._rows = {row.draft.pk: row for row in incident_rows(drafts)}

    def list(self, request: PortalRequest) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._load(list(page or []))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        draft = self.get_object()
        self._load([draft])
        return self.retrieve_with_etag(draft)

    def create(self, request: PortalRequest) -> Response:
        payload = IncidentCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        draft = incident_draft_create(
            actor=request.actor,
            regime=data.pop("regime"),
            system=data.pop("system", None),
            gpai_model=data.pop("gpai_model", None),
            **data,
        )
        draft = self.get_queryset().get(pk=draft.pk)
        self._load([draft])
        return self.retrieve_with_etag(draft, status.HTTP_201_CREATED)

    def partial_update(self, request: PortalRequest, pk: str) -> Response:
        payload = IncidentWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        return self.locked_update(
            lambda draft: incident_draft_update(actor=request.actor, draft=draft, **data)
        )

    def destroy(self, request: PortalRequest, pk: str) -> Response:
        return self.locked_delete(
            lambda draft: incident_draft_discard(actor=request.actor, draft=draft)
        )

    @extend_schema(
        operation_id="incidents_submit",
        tags=_TAGS,
        request=IncidentSubmitSerializer,
        responses={201: IncidentStatusSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def submit(self, request: PortalRequest, pk: str) -> Response:
        payload = IncidentSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        draft = self.get_object()
        incident_draft_submit(
            actor=request.actor, draft=draft, stage=payload.validated_data.get("stage")
        )
        draft.refresh_from_db()
        return Response(self._status(draft), status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="incidents_status", tags=_TAGS, responses={200: IncidentStatusSerializer}
    )
    @action(detail=True, methods=["get"], url_path="status", filterset_class=None)
    def incident_status(self, request: PortalRequest, pk: str) -> Response:
        return Response(self._status(self.get_object()))

    def _status(self, draft: IncidentDraft) -> dict[str, Any]:
        detail = incident_detail(draft)
        report = detail.row.report
        latest = detail.versions[0] if detail.versions else None
        return {
            "incident": draft.pk,
            "report": IncidentReportSerializer(report).data if report else None,
            "latest_version": IncidentVersionSerializer(latest).data if latest else None,
            "steps": IncidentStepSerializer(detail.steps, many=True).data,
        }

    @extend_schema(
        operation_id="incidents_versions",
        tags=_TAGS,
        responses={200: IncidentVersionSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def versions(self, request: PortalRequest, pk: str) -> Response:
        draft = self.get_object()
        rows = IncidentReportVersion.objects.filter(
            report_id=draft.register_report_id, report__organisation=self.organisation
        ).select_related("pdf_job")
        return paginated_list(self, rows, IncidentVersionSerializer, ordering=("-number",))

    @extend_schema(
        operation_id="incidents_version_pdf",
        tags=_TAGS,
        parameters=[_NUMBER],
        responses=pdf_responses("The PDF/A-3b of the report version."),
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]{1,9})/pdf",
        renderer_classes=DOWNLOAD_RENDERERS,
        filterset_class=None,
    )
    def version_pdf(self, request: PortalRequest, pk: str, number: str) -> Any:
        version = incident_report_version(self.get_object(), int(number))
        if version is None:
            raise not_found("No such version of this incident report.", "version_not_found")
        return incident_pdf_download(version)
