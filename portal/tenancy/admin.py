"""Support staff's view of organisations and their host names (public host, staff only).

Read-only (portal.service_admin): organisations are created by ``organisation_provision``
(schema, domain and owner in one transaction), and there is no service here that changes or
drops one; a host name edited here would move an organisation without an audit event.
"""

from __future__ import annotations

from django.contrib import admin

from portal.service_admin import ReadOnlyInline, ServiceAdmin
from portal.tenancy.models import Domain, Organisation


class DomainInline(ReadOnlyInline):
    model = Domain


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdmin):
    list_display = ("legal_name", "slug", "country", "organisation_type", "eu_established")
    list_filter = ("organisation_type", "eu_established", "country")
    search_fields = ("legal_name", "slug", "vat_number", "lei", "euid")
    readonly_fields = ("schema_name", "slug", "created_at")
    inlines = [DomainInline]


@admin.register(Domain)
class DomainAdmin(ServiceAdmin):
    list_display = ("domain", "tenant", "is_primary")
    search_fields = ("domain", "tenant__legal_name")
    list_select_related = ("tenant",)
