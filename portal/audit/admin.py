"""The public schema's audit trail, for support staff: read-only, like the table itself."""

from __future__ import annotations

from django.contrib import admin

from portal.audit.models import AuditEvent
from portal.service_admin import ServiceAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ServiceAdmin):
    list_display = ("occurred_at", "actor_label", "action", "object_type", "object_repr")
    list_filter = ("action", "actor_kind", "object_type")
    search_fields = ("actor_label", "action", "object_repr", "object_id", "request_id")
    date_hierarchy = "occurred_at"
    actions = None
