"""Support staff's view of organisations and their host names (public host, staff only).

Organisations are created by ``organisation_provision`` (schema, domain and owner in one
transaction), never from this form: adding is switched off here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from portal.tenancy.models import Domain, Organisation


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("legal_name", "slug", "country", "organisation_type", "eu_established")
    list_filter = ("organisation_type", "eu_established", "country")
    search_fields = ("legal_name", "slug", "vat_number", "lei", "euid")
    readonly_fields = ("schema_name", "slug", "created_at")
    inlines = [DomainInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Dropping an organisation's data is an explicit, audited procedure (tenancy.models).
        return False


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ("domain", "tenant", "is_primary")
    search_fields = ("domain", "tenant__legal_name")
    list_select_related = ("tenant",)
