from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet

from portal.tenancy.models import Organisation


def organisation_list() -> QuerySet[Organisation]:
    """Every organisation, never the row that stands for the public schema."""
    return Organisation.objects.exclude(schema_name=settings.PUBLIC_SCHEMA_NAME)


def organisation_get_by_slug(slug: str) -> Organisation | None:
    return organisation_list().filter(slug=slug).first()
