from __future__ import annotations

from celery import shared_task
from django.db import connection


@shared_task(name="portal.tenancy.schema_probe")
def schema_probe() -> dict[str, str]:
    """Report the schema a task runs in: the operational check that tenant context travels."""
    tenant = getattr(connection, "tenant", None)
    return {"schema": connection.schema_name, "slug": getattr(tenant, "slug", "")}
