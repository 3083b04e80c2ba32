"""Who may do what in a workspace: the actor's Membership role in the current organisation.

Viewers read; editors write records; admins and owners take the actions that bind the
organisation (approving QMS documents, Code of Practice signatures). Services call
``require_role`` before anything else, so a refused actor causes no query beyond the check.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import connection

from portal.accounts.models import Membership, Role
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


def actor_role(actor: Any, organisation: Organisation) -> str | None:
    """The actor's role here, or None. A user has their Membership's role; an API key bound to
    this organisation acts as an admin with the "admin" scope, an editor with "write", and a
    viewer with "read"."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    if hasattr(actor, "has_scope"):  # an ApiKey
        if actor.organisation_id != organisation.pk or not actor.is_usable:
            return None
        for scope, role in (
            ("admin", Role.ADMIN),
            ("write", Role.EDITOR),
            ("read", Role.VIEWER),
            ("submit", Role.VIEWER),  # a submit-only key reads what it files, nothing more
        ):
            if actor.has_scope(scope):
                return role
        return None
    if not getattr(actor, "is_active", False):
        return None
    return (
        Membership.objects.filter(user_id=actor.pk, organisation_id=organisation.pk)
        .values_list("role", flat=True)
        .first()
    )


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
