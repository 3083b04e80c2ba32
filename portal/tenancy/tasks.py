from __future__ import annotations

from celery import shared_task
from django.db import OperationalError, connection


@shared_task(name="portal.tenancy.schema_probe")
def schema_probe() -> dict[str, str]:
    """Report the schema a task runs in: the operational check that tenant context travels."""
    tenant = getattr(connection, "tenant", None)
    return {"schema": connection.schema_name, "slug": getattr(tenant, "slug", "")}


@shared_task(
    name="portal.tenancy.attach_shared_foreign_keys",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=10,
)
def attach_shared_foreign_keys(schema_name: str) -> None:
    """A new organisation's foreign keys to shared tables, when provisioning could not add them
    right after commit (portal.tenancy.schema_clone); adds only what is missing."""
    from portal.tenancy.schema_clone import schema_attach_missing_shared_foreign_keys

    schema_attach_missing_shared_foreign_keys(schema_name)
