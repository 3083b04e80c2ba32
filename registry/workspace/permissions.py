"""The workspace a service acts in, and the person a row names. Who may do what: portal.authz
(services call ``authorise`` before anything else, so a refused actor causes no query beyond
the check)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection

from portal.errors import Forbidden
from portal.tenancy.models import Organisation


def current_organisation() -> Organisation:
    """The organisation whose schema is active; workspace services run nowhere else."""
    tenant = getattr(connection, "tenant", None)
    if tenant is None or connection.schema_name == settings.PUBLIC_SCHEMA_NAME:
        raise Forbidden(
            "Workspace data belongs to an organisation; switch to its schema first.",
            code="no_organisation",
        )
    return tenant


def acting_user(actor: Any) -> Any:
    """The person a row names as its creator: the user, or None for an API key (the audit
    trail names the key)."""
    return None if hasattr(actor, "has_scope") else actor
