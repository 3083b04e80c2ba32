"""Who may do what in a workspace: the actor's Membership role in the current organisation.

Viewers read; editors write records; admins and owners take the actions that bind the
organisation (approving QMS documents, Code of Practice signatures). Services call
``require_role`` before anything else, so a refused actor causes no query beyond the check.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection

from portal.accounts.models import Role
from portal.accounts.selectors import actor_role
from portal.errors import PermissionDenied
from portal.tenancy.models import Organisation

EDITOR = Role.EDITOR
ADMIN = Role.ADMIN


def current_organisation() -> Organisation:
    """The organisation whose schema is active; workspace services run nowhere else."""
    tenant = getattr(connection, "tenant", None)
    if tenant is None or connection.schema_name == settings.PUBLIC_SCHEMA_NAME:
        raise PermissionDenied(
            "Workspace data belongs to an organisation; switch to its schema first.",
            code="no_organisation",
        )
    return tenant


def acting_user(actor: Any) -> Any:
    """The person a row names as its creator: the user, or None for an API key (the audit
    trail names the key)."""
    return None if hasattr(actor, "has_scope") else actor


def require_role(actor: Any, role: str, *, action: str = "do this") -> str:
    """Return the actor's role if it is at least ``role``; raise PermissionDenied otherwise."""
    organisation = current_organisation()
    held = actor_role(actor, organisation)
    if held is None:
        raise PermissionDenied(
            f"You are not a member of {organisation.legal_name}.", code="not_a_member"
        )
    if not Role(held).at_least(role):
        raise PermissionDenied(
            f"Only {Role(role).label.lower()}s and above may {action}; you are "
            f"{Role(held).label.lower()}.",
            code="role_too_low",
        )
    return held
