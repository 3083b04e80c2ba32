from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from portal.tenancy.models import Organisation


def organisation_list() -> QuerySet[Organisation]:
    """Every organisation, never the rows that stand for the public schema and the template."""
    return Organisation.objects.exclude(
        schema_name__in=[settings.PUBLIC_SCHEMA_NAME, settings.TENANT_BASE_SCHEMA]
    )


def organisation_get_by_slug(slug: str) -> Organisation | None:
    return organisation_list().filter(slug=slug).first()
