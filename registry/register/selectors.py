"""Reads of the register: what a regulator may see, what the public may see."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from portal.accounts.models import (
    ApiKey,
    AuthorityKind,
    AuthorityMembership,
    AuthorityRole,
    User,
)
from portal.authz import authority_role_may
from registry.register.models import (
    CONFIDENTIAL_MODEL_KINDS,
    Filing,
    FilingKind,
    FilingStatus,
    FilingVersion,
)
from registry.register.public_part import PUBLIC_PART, public_items

AI_OFFICE_KINDS = tuple(kind.value for kind in FilingKind if kind.for_ai_office)


def _jurisdiction(membership: AuthorityMembership) -> Q:
    authority = membership.authority
    if authority.kind == AuthorityKind.AI_OFFICE:
        # Art 88-94: the AI Office supervises GPAI models; it also keeps the signatory register.
        scope = Q(kind__in=AI_OFFICE_KINDS)
    else:
        # Art 70, 74: a national authority surveys systems placed on the market or put into
        # service in its member states.
        scope = ~Q(kind__in=AI_OFFICE_KINDS) & Q(member_states__overlap=authority.member_states)
    if not membership.restricted_access:
        # Art 49(4), 74(8): the secure section is for staff granted that access only.
        scope &= Q(restricted=False)
    return scope


def membership_sees(membership: AuthorityMembership, filing: Filing) -> bool:
    """The same rule as `_jurisdiction`, for one filing in memory (no query)."""
    authority = membership.authority
    if filing.restricted and not membership.restricted_access:
        return False
    if authority.kind == AuthorityKind.AI_OFFICE:
        return filing.kind in AI_OFFICE_KINDS
    return filing.kind not in AI_OFFICE_KINDS and bool(
        set(authority.member_states) & set(filing.member_states)
    )


def membership_sees_version(
    membership: AuthorityMembership, filing: Filing, version: FilingVersion
) -> bool:
    """Whether `membership` may read this version of `filing` (a filing it sees): the version's
    own Art 49(4) flag and member states decide, not the newest version's. A DE authority that
    saw a DE-only v1 keeps v1 when v2 names NL only, and the NL authority sees v2, not v1."""
    if not membership_sees(membership, filing):
        return False
    if version.restricted and not membership.restricted_access:
        return False
    if membership.authority.kind == AuthorityKind.AI_OFFICE:
        return True
    return bool(set(membership.authority.member_states) & set(version.member_states))


def regulator_readable_versions(
    memberships: list[AuthorityMembership], filing: Filing, versions: list[FilingVersion]
) -> list[FilingVersion]:
    """The versions (of those given) any of the memberships may read, in the given order."""
    return [
        version
        for version in versions
        if any(membership_sees_version(m, filing, version) for m in memberships)
    ]


def regulator_memberships(user: User | AnonymousUser) -> list[AuthorityMembership]:
    if not isinstance(user, User) or not user.is_authenticated:
        return []
    return list(AuthorityMembership.objects.filter(user=user).select_related("authority"))


def regulator_filings(*, user: User) -> QuerySet[Filing]:
    """Every filing any of the user's authority memberships entitles them to see."""
    memberships = regulator_memberships(user)
    if not memberships:
        return Filing.objects.none()
    visible = Q()
    for index, membership in enumerate(memberships):
        visible = _jurisdiction(membership) if index == 0 else visible | _jurisdiction(membership)
    return Filing.objects.filter(visible).select_related("organisation")


def regulator_filings_for_membership(membership: AuthorityMembership) -> QuerySet[Filing]:
    """The filings one authority membership entitles to (the API acts through one at a time)."""
    return Filing.objects.filter(_jurisdiction(membership)).select_related("organisation")


def regulator_key_membership(api_key: ApiKey) -> AuthorityMembership | None:
    """What an authority's API key may do, as an unsaved membership: a reviewer of its
    authority without Art 49(4) access (that access is granted to named staff, never to a key)."""
    if api_key.authority_id is None or not api_key.is_usable:
        return None
    return AuthorityMembership(
        authority=api_key.authority, role=AuthorityRole.REVIEWER, restricted_access=False
    )


def regulator_membership_for(*, user: User, filing: Filing) -> AuthorityMembership | None:
    """The membership through which `user` may act on `filing` (leads first), or None."""
    memberships = sorted(
        regulator_memberships(user),
        key=lambda m: not authority_role_may(m.role, "review.decide_final"),
    )
    return next((m for m in memberships if membership_sees(m, filing)), None)


def public_filings() -> QuerySet[Filing]:
    """Art 71(4): registered entries are public, except the Art 49(4) secure section: an entry any
    of whose versions was filed there stays out of the public register as a whole (its history
    would otherwise lead to the restricted version)."""
    return (
        Filing.objects.filter(restricted=False, registered_version_number__isnull=False)
        .exclude(status=FilingStatus.WITHDRAWN)
        .select_related("organisation")
    )


def filing_versions(filing: Filing) -> QuerySet[FilingVersion]:
    return filing.versions.order_by("number")


def filing_registered_version(filing: Filing) -> FilingVersion | None:
    if filing.registered_version_number is None:
        return None
    return filing.versions.filter(number=filing.registered_version_number).first()


PUBLIC_ORGANISATION_FIELDS = ("legal_name", "slug", "country", "organisation_type")


def public_snapshot(snapshot: dict) -> dict:
    """The public part of a snapshot (Art 71(4)-(5)): the registration items that are not withheld
    under Art 49(4), without personal data (`public_part.public_items`), who registered (the
    organisation, not the person) and when. Risk and QMS summaries, the evidence list, the notes
    for the reviewer and the classification's reasoning stay with regulators. A document of its
    own (`"part": "public"`): the public copy embeds it (`services.public_renditions`)."""
    registration = snapshot.get("registration") or {}
    if snapshot.get("kind") in CONFIDENTIAL_MODEL_KINDS:
        # Art 78: what a GPAI provider files with the AI Office stays there; the summary of
        # training content is the exception the law publishes whole (Art 53(1)(d)).
        registration = {}
    filing = snapshot.get("filing") or {}
    classification = snapshot.get("classification") or {}
    return {
        "schema_version": snapshot.get("schema_version"),
        "part": PUBLIC_PART,
        "kind": snapshot.get("kind"),
        # Who submitted and who confirmed the declaration are persons (Art 71(5)).
        "filing": {k: v for k, v in filing.items() if k not in ("submitted_by", "declaration")},
        "organisation": {
            k: (snapshot.get("organisation") or {}).get(k) for k in PUBLIC_ORGANISATION_FIELDS
        },
        "subject": snapshot.get("subject"),
        "risk_tier": classification.get("risk_tier"),
        "registration": {
            "section": registration.get("section"),
            "items": public_items(registration.get("items", [])),
        },
    }
