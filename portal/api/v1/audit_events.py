"""GET /api/v1/audit-events/: the organisation's own audit trail (its schema), read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers

from portal.api.views import OrganisationViewSet
from portal.audit.filters import AuditEventFilter
from portal.audit.models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "occurred_at",
            "actor_kind",
            "actor_id",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "request_id",
        ]


@extend_schema_view(
    list=extend_schema(operation_id="audit_events_list", tags=["audit"]),
    retrieve=extend_schema(operation_id="audit_events_retrieve", tags=["audit"]),
)
class AuditEventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OrganisationViewSet):
    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilter
    # Defaults apply: read scope / viewer role. The ViewSet has no write actions at all.

    def scoped_queryset(self) -> QuerySet[Any]:
        # AuditEvent is in TENANT_APPS: on this host the query reads this organisation's schema.
        return AuditEvent.objects.all()
