from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from portal.accounts.models import AuthorityMembership, Membership, Role, User
from portal.tenancy.models import Organisation


def membership_get(*, user: User, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def authority_memberships_of(user: User) -> QuerySet[AuthorityMembership]:
    return AuthorityMembership.objects.filter(user=user).select_related("authority")


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
