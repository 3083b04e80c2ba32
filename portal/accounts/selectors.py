from __future__ import annotations

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import ApiKey, AuthorityMembership, Membership, User
from portal.pagination import Sort
from portal.tenancy.models import Organisation

# Sorts of the members and API-key pages (indexes: accounts/0003).
MEMBER_SORTS = (
    Sort("email", _("E-mail address"), ("email", "id")),
    Sort("newest", _("Newest first"), ("-id",)),
)
API_KEY_SORTS = (
    Sort("newest", _("Newest first"), ("-id",)),
    Sort("name", _("Name (A–Z)"), ("name", "id")),
)


def member_rows(*, organisation: Organisation) -> QuerySet[Membership]:
    """The members page's rows: the role and the person's address."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .only(
            "id", "role", "user_id", "user__id", "user__email", "user__password", "user__last_login"
        )
        .annotate(email=F("user__email"))
    )


def api_key_rows(*, organisation: Organisation) -> QuerySet[ApiKey]:
    """The API-keys page's rows: what the page shows of a key (never its hash)."""
    return ApiKey.objects.filter(organisation=organisation).only(
        "id", "name", "prefix", "scopes", "expires_at", "last_used_at", "revoked_at"
    )


def membership_get(*, user: User, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def authority_memberships_of(user: User) -> QuerySet[AuthorityMembership]:
    return AuthorityMembership.objects.filter(user=user).select_related("authority")
