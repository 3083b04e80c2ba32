from __future__ import annotations

from django.db.models import QuerySet

from portal.accounts.models import AuthorityMembership, Membership, User
from portal.tenancy.models import Organisation


def membership_get(*, user: User, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def authority_memberships_of(user: User) -> QuerySet[AuthorityMembership]:
    return AuthorityMembership.objects.filter(user=user).select_related("authority")
