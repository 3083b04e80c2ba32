"""Reads for the regulator console (web and API): the queue with its filters and counts, one
filing with everything a reviewer needs, and the dashboard's figures. Every read starts from
`regulator_filings(user=...)`, so jurisdiction and Art 49(4) scoping cannot be forgotten."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import AuthorityKind, AuthorityMembership, User
from portal.pagination import Sort
from registry.filings.snapshots import declaration_chapters
from registry.register.models import (
    ALL_STATES,
    Filing,
    FilingEvidence,
    FilingKind,
    FilingStatus,
    FilingVersion,
    QueueCount,
    ReviewComment,
    ReviewDecision,
)
from registry.register.search import filing_organisation_filter, filing_search
from registry.register.selectors import (
    AI_OFFICE_KINDS,
    regulator_filings,
    regulator_memberships,
    regulator_readable_versions,
)

SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class QueueFilters:
    q: str = ""  # registry.register.search
    status: str = ""
    kind: str = ""
    member_state: str = ""
    annex_iii_area: str = ""
    risk_tier: str = ""
    organisation: str = ""  # slug
    submitted_from: date | None = None
    submitted_to: date | None = None
    restricted: bool | None = None

    def active(self) -> bool:
        return any(getattr(self, f.name) not in ("", None) for f in fields(self))


def _filtered(user: User, filters: QueueFilters, *, with_status: bool) -> QuerySet[Filing]:
    queryset = regulator_filings(user=user).annotate(submitted_at=F("latest_submitted_at"))
    if with_status and filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    queryset = filing_search(queryset, filters.q)
    if filters.member_state:
        queryset = queryset.filter(member_states__contains=[filters.member_state])
    if filters.annex_iii_area:
        queryset = queryset.filter(annex_iii_area=filters.annex_iii_area)
    if filters.risk_tier:
        queryset = queryset.filter(risk_tier=filters.risk_tier)
    queryset = filing_organisation_filter(queryset, filters.organisation)
    if filters.submitted_from:
        queryset = queryset.filter(submitted_at__date__gte=filters.submitted_from)
    if filters.submitted_to:
        queryset = queryset.filter(submitted_at__date__lte=filters.submitted_to)
    if filters.restricted is not None:
        queryset = queryset.filter(restricted=filters.restricted)
    return queryset


def regulator_queue(*, user: User, filters: QueueFilters) -> QuerySet[Filing]:
    """The filings the user may review, filtered, oldest waiting first (one query per page;
    page it by keyset with QUEUE_SORT, index filing_waiting_idx)."""
    return _filtered(user, filters, with_status=True).order_by(*QUEUE_SORT.fields)


QUEUE_SORT = Sort("waiting", _("Longest waiting"), ("latest_submitted_at", "id"))


def regulator_queue_counts(*, user: User, filters: QueueFilters) -> dict[str, int]:
    """How many filings per status match the other filters (one query), every status present.
    From the maintained counts (QueueCount) where the filters are among its columns, else by
    counting the matching filings."""
    rows = _counts_from_table(user, filters)
    if rows is None:
        rows = (
            _filtered(user, filters, with_status=False)
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
        )
    counts = {status.value: 0 for status in FilingStatus}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def _counts_from_table(user: User, filters: QueueFilters) -> QuerySet[Any] | None:
    """The per-status counts from QueueCount, or None when it cannot answer exactly: the same
    jurisdiction rule as `_jurisdiction` (Art 70, 74; Art 49(4) for restricted filings), for a
    user with one membership whose authority is the AI Office or covers one member state (a
    filing in two of several states would be counted twice)."""
    memberships = regulator_memberships(user)
    if len(memberships) != 1:
        return None
    membership = memberships[0]
    authority = membership.authority
    if filters.q or filters.organisation or filters.submitted_from or filters.submitted_to:
        return None
    counts = QueueCount.objects.all()
    if authority.kind == AuthorityKind.AI_OFFICE:
        if filters.member_state:
            return None
        counts = counts.filter(member_state=ALL_STATES, kind__in=AI_OFFICE_KINDS)
    else:
        states = list(authority.member_states)
        if len(states) != 1 or filters.member_state not in ("", states[0]):
            return None
        counts = counts.filter(member_state=states[0]).exclude(kind__in=AI_OFFICE_KINDS)
    if not membership.restricted_access:
        counts = counts.filter(restricted=False)
    if filters.restricted is not None:
        counts = counts.filter(restricted=filters.restricted)
    for name in ("kind", "annex_iii_area", "risk_tier"):
        if getattr(filters, name):
            counts = counts.filter(**{name: getattr(filters, name)})
    return counts.order_by().values("status").annotate(n=Sum("n"))


def regulator_filing(*, user: User, filing_id: object) -> Filing | None:
    """One filing the user may see, or None (outside one's jurisdiction it does not exist)."""
    try:
        return regulator_filings(user=user).filter(pk=filing_id).first()
    except (ValueError, TypeError):
        return None


def filing_versions_for_review(filing: Filing) -> list[FilingVersion]:
    """Every version with its PDF job, decisions and field comments, in three queries."""
    return list(
        filing.versions.order_by("number")
        .select_related("pdf_job")
        .prefetch_related(
            Prefetch("decisions", queryset=ReviewDecision.objects.select_related("authority")),
            Prefetch("comments", queryset=ReviewComment.objects.select_related("authority")),
            "evidence__blob",
        )
    )


def regulator_versions(
    *,
    user: User | AnonymousUser,
    filing: Filing,
    memberships: list[AuthorityMembership] | None = None,
) -> list[FilingVersion]:
    """The versions of `filing` (one the caller obtained through `regulator_filing`) that the
    user, or the given memberships (an API key's), may read, oldest first, with PDF jobs,
    decisions and field comments: each version's own Art 49(4) flag and member states decide."""
    if memberships is None:
        memberships = regulator_memberships(user)
    return regulator_readable_versions(memberships, filing, filing_versions_for_review(filing))


def regulator_version(
    *,
    user: User | AnonymousUser,
    filing: Filing,
    number: int,
    memberships: list[AuthorityMembership] | None = None,
) -> FilingVersion | None:
    """Version `number` of `filing` if the user (or the memberships) may read it, else None."""
    version = filing.versions.select_related("pdf_job", "filing").filter(number=number).first()
    if version is None:
        return None
    if memberships is None:
        memberships = regulator_memberships(user)
    return version if regulator_readable_versions(memberships, filing, [version]) else None


def regulator_evidence_cited(
    *,
    user: User | AnonymousUser,
    filing: Filing,
    sha256: str,
    memberships: list[AuthorityMembership] | None = None,
) -> FilingEvidence | None:
    """The citation of evidence `sha256` by a version of `filing` that the user (or the
    memberships) may read, or None: only files cited by readable versions can be downloaded."""
    if not SHA256_HEX.match(sha256 or ""):
        return None
    if memberships is None:
        memberships = regulator_memberships(user)
    citations = (
        FilingEvidence.objects.select_related("blob", "version")
        .filter(version__filing=filing, blob__sha256=sha256)
        .order_by("-version__number")
    )
    for citation in citations:
        if regulator_readable_versions(memberships, filing, [citation.version]):
            return citation
    return None


# --- dashboard ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """Counts of one dimension: totals per category and per month."""

    totals: list[tuple[str, int]]  # (category, count), largest first
    months: list[date]  # oldest first
    by_month: dict[str, dict[date, int]]  # category -> month -> count


def _series(rows: list[tuple[str, date, int]]) -> Series:
    totals: Counter[str] = Counter()
    by_month: dict[str, dict[date, int]] = defaultdict(dict)
    months: set[date] = set()
    for category, month, count in rows:
        totals[category] += count
        month_day = month.date() if hasattr(month, "date") else month
        by_month[category][month_day] = by_month[category].get(month_day, 0) + count
        months.add(month_day)
    return Series(
        totals=sorted(totals.items(), key=lambda pair: (-pair[1], pair[0])),
        months=sorted(months),
        by_month=dict(by_month),
    )


def regulator_dashboard(*, user: User) -> dict[str, Series]:
    """Filings the user sees by risk tier, Annex III area and member state, per month of first
    submission; signatories per Code of Practice chapter. A fixed number of queries."""
    visible = regulator_filings(user=user).order_by().annotate(month=TruncMonth("created_at"))
    by_tier = [
        (row["risk_tier"] or "", row["month"], row["n"])
        for row in visible.values("risk_tier", "month").annotate(n=Count("pk"))
    ]
    by_area = [
        (row["annex_iii_area"], row["month"], row["n"])
        for row in visible.exclude(annex_iii_area="")
        .values("annex_iii_area", "month")
        .annotate(n=Count("pk"))
    ]
    by_state: list[tuple[str, date, int]] = []
    for states, month in visible.values_list("member_states", "month"):
        by_state.extend((state, month, 1) for state in states or ())
    return {
        "tier": _series(by_tier),
        "area": _series(by_area),
        "member_state": _series(by_state),
        "chapters": _series(_signatory_rows(user)),
    }


def _signatory_rows(user: User) -> list[tuple[str, date, int]]:
    """(chapter, month of the declaration, 1) for each organisation whose latest declaration the
    user sees says it signed that chapter."""
    declarations = (
        regulator_filings(user=user)
        .filter(kind=FilingKind.COP_SIGNATORY_DECLARATION)
        .exclude(status__in=[FilingStatus.WITHDRAWN, FilingStatus.REJECTED])
        .annotate(
            latest_snapshot=Subquery(
                FilingVersion.objects.filter(
                    filing=OuterRef("pk"), number=OuterRef("latest_version_number")
                ).values("snapshot")[:1]
            )
        )
        .values_list("latest_snapshot", "created_at")
    )
    rows = []
    for snapshot, created_at in declarations:
        for chapter, state in declaration_chapters(snapshot or {}).items():
            if state.get("status") == "signed":
                rows.append((chapter, created_at.date().replace(day=1), 1))
    return rows


__all__ = [
    "QUEUE_SORT",
    "QueueFilters",
    "filing_versions_for_review",
    "regulator_evidence_cited",
    "regulator_dashboard",
    "regulator_filing",
    "regulator_queue",
    "regulator_queue_counts",
    "regulator_version",
    "regulator_versions",
]
