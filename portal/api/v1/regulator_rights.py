"""GET /api/v1/regulator/rights-request-statistics: the AI Office's counts of rights holders'
requests per GPAI provider (Art 53(1)(c), Code of Practice Measure 1.5). Counts and times only;
no requester is named."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from portal.accounts.models import AuthorityKind
from portal.api.request import PortalRequest
from portal.api.views import RegulatorAPIView
from portal.errors import Forbidden
from registry.register.models import RightsRequest
from registry.register.selectors_rights_requests import rights_request_statistics


class ProviderStatisticsSerializer(serializers.Serializer):
    organisation_id = serializers.IntegerField()
    provider = serializers.CharField()
    total = serializers.IntegerField()
    by_kind = serializers.DictField(child=serializers.IntegerField())
    by_status = serializers.DictField(child=serializers.IntegerField())
    overdue = serializers.IntegerField()
    median_days_to_answer = serializers.FloatField(allow_null=True)


class RightsRequestStatisticsView(RegulatorAPIView):
    required_ability = "review.read"

    def scoped_queryset(self) -> QuerySet[Any]:
        # No rows are served, only counts (the schema generator asks for a model).
        return RightsRequest.objects.none()

    @extend_schema(
        operation_id="regulator_rights_request_statistics",
        responses={200: ProviderStatisticsSerializer(many=True)},
        tags=["rights-requests"],
    )
    def get(self, request: PortalRequest) -> Response:
        # Art 88-94: the AI Office supervises GPAI providers; national authorities do not.
        if request.authority is None or request.authority.kind != AuthorityKind.AI_OFFICE:
            raise Forbidden(
                _("Only the AI Office sees rights holders' requests to GPAI providers."),
                code="ai_office_only",
            )
        return Response([asdict(entry) for entry in rights_request_statistics()])
