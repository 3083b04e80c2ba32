"""Bulk import and export of AI systems (JSON or CSV, the format of bulk_format.py).

Import is all or nothing: every row is validated and created in one transaction; if any row is
refused, nothing is kept and the answer is a 422 problem whose `errors` name each refusal as
"<row>.<field>" (rows counted from 1, the CSV header not counted)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from portal.api.renderers import JSONRenderer, ProblemJSONRenderer
from portal.api.request import PortalRequest
from portal.api.v1.bulk_format import (
    MAX_ROWS,
    BulkSystemSerializer,
    CSVParser,
    CsvRows,
    bulk_json_schema,
    csv_lines,
    csv_row_values,
    export_rows,
)
from portal.api.v1.common import CSVRenderer, export_format
from portal.api.views import OrganisationAPIView, PublicAPIView
from portal.errors import DomainError, ValidationFailed
from portal.streaming import CSV_TYPE, JSON_TYPE, json_array, streamed
from registry.workspace import services
from registry.workspace.models import AISystem

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SCHEMA_PATH = "/api/v1/systems/bulk/schema.json"


class BulkRejected(ValidationFailed):
    status = 422
    code = "bulk_rejected"


class BulkCreatedSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.IntegerField())


def _prefixed(row: int, errors: Mapping[str, Sequence[StrOrPromise]]) -> dict[str, list[str]]:
    return {f"{row}.{field}": [str(m) for m in messages] for field, messages in errors.items()}


def _nothing_imported(count: int) -> str:
    return ngettext_lazy(
        "%(count)d problem; nothing was imported.",
        "%(count)d problems; nothing was imported.",
        "count",
    ) % {"count": count}


def _validated_rows(data: Any) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    if not isinstance(data, list):
        raise BulkRejected(
            _("Send an array of systems (JSON) or a CSV with a header row."),
            field_errors={"non_field": [_("Expected a JSON array.")]},
        )
    if not data or len(data) > MAX_ROWS:
        raise BulkRejected(
            _("Send 1 to %(max)d systems per request.") % {"max": MAX_ROWS},
            field_errors={
                "non_field": [
                    ngettext_lazy(
                        "%(count)d row; 1 to %(max)d allowed.",
                        "%(count)d rows; 1 to %(max)d allowed.",
                        "count",
                    )
                    % {"count": len(data), "max": MAX_ROWS}
                ]
            },
        )
    rows: list[dict[str, Any]] = []
    errors: dict[str, list[str]] = {}
    known = set(BulkSystemSerializer().fields)
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            errors[f"{number}.non_field"] = ["Each system is a JSON object."]
            continue
        cell_errors: dict[str, list[str]] = {}
        if isinstance(data, CsvRows):
            item, cell_errors = csv_row_values(item)
        unknown = sorted(str(k) for k in item if k not in known)
        for name in unknown:
            cell_errors[name] = ["Unknown field."]
        serializer = BulkSystemSerializer(data={k: v for k, v in item.items() if k in known})
        if not serializer.is_valid():
            for field, messages in serializer.errors.items():
                cell_errors.setdefault(str(field), []).extend(str(m) for m in messages)
        if cell_errors:
            errors.update(_prefixed(number, cell_errors))
        else:
            rows.append(dict(serializer.validated_data))
    return rows, errors


class SystemBulkImportView(OrganisationAPIView):
    parser_classes = [JSONParser, CSVParser]
    serializer_class = BulkSystemSerializer

    @extend_schema(
        operation_id="systems_bulk_import",
        tags=["systems"],
        request={
            # ListSerializer's own arguments (the stubs know only the child's).
            "application/json": BulkSystemSerializer(  # type: ignore[call-arg]
                many=True, max_length=MAX_ROWS, allow_empty=False
            ),
            "text/csv": OpenApiTypes.STR,
        },
        responses={
            201: BulkCreatedSerializer,
            422: OpenApiResponse(description="Nothing was created; errors by '<row>.<field>'."),
        },
    )
    def post(self, request: PortalRequest) -> Response:
        rows, errors = _validated_rows(request.data)
        if errors:
            raise BulkRejected(_nothing_imported(len(errors)), field_errors=errors)
        ids: list[int] = []
        with transaction.atomic():
            for number, row in enumerate(rows, start=1):
                try:
                    # A savepoint per row: a refused row must not poison the others' checks.
                    with transaction.atomic():
                        system = services.ai_system_create(actor=request.actor, **row)
                    ids.append(system.pk)
                except DomainError as exc:
                    if exc.status in (401, 403):
                        raise
                    errors.update(
                        _prefixed(number, exc.field_errors or {"non_field": [exc.message]})
                    )
            if errors:
                # Raised inside the transaction: every row created so far is rolled back.
                raise BulkRejected(_nothing_imported(len(errors)), field_errors=errors)
        return Response({"created": len(ids), "ids": ids}, status=status.HTTP_201_CREATED)


class SystemExportView(OrganisationAPIView):
    renderer_classes = [JSONRenderer, ProblemJSONRenderer, CSVRenderer]
    serializer_class = BulkSystemSerializer
    pagination_class = None  # the whole set, streamed: an export is not paged

    def scoped_queryset(self) -> QuerySet[Any]:
        return AISystem.objects.all()  # this organisation's schema

    @extend_schema(
        operation_id="systems_export",
        tags=["systems"],
        parameters=[
            OpenApiParameter("format", str, enum=["json", "csv"], description="Default json.")
        ],
        responses={
            (200, "application/json"): BulkSystemSerializer(many=True),
            (200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR),
        },
    )
    def get(self, request: PortalRequest) -> Any:
        # Streamed either way: rows are written as the server-side cursor yields them.
        if export_format(request) == "csv":
            return streamed(csv_lines(export_rows()), content_type=CSV_TYPE, filename="systems.csv")
        return streamed(json_array(export_rows()), content_type=JSON_TYPE, filename="systems.json")


def _schema_response(request: PortalRequest) -> Response:
    return Response(bulk_json_schema(request.build_absolute_uri(SCHEMA_PATH)))


_SCHEMA_DOC = extend_schema(
    tags=["systems"],
    responses={200: OpenApiResponse(response=OpenApiTypes.OBJECT, description="JSON Schema.")},
)


class SystemBulkSchemaView(OrganisationAPIView):
    serializer_class = BulkSystemSerializer

    @extend_schema(operation_id="systems_bulk_schema")
    @_SCHEMA_DOC
    def get(self, request: PortalRequest) -> Response:
        return _schema_response(request)


class PublicBulkSchemaView(PublicAPIView):
    """The same schema on the public host, for integrators who validate before they have a key."""

    serializer_class = BulkSystemSerializer

    @extend_schema(operation_id="schemas_systems_bulk")
    @_SCHEMA_DOC
    def get(self, request: PortalRequest) -> Response:
        return _schema_response(request)
