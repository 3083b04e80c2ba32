"""Reads of serious-incident reports for their authority (the console and the regulator API): the
inbox with its filters, one report with its versions and steps, and the dashboard's counts.

A report is addressed to one authority (Art 73(1): the market-surveillance authority of the member
state where it occurred; Art 55(1)(c): the AI Office). Only that authority reads it, and a
restricted report (Annex III points 1, 6, 7; Art 74(8)) only through a membership granted
restricted access. Every read here starts from `_addressed`, so the rule cannot be forgotten."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.db.models import BooleanField, Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Authority, AuthorityMembership
from portal.pagination import Sort
from registry.register.models.incidents import (
    IncidentReport,
    IncidentReportVersion,
    IncidentStatus,
    IncidentStep,
)
from registry.rules import get_default_calendar
from registry.rules.incidents import measure_period_ends_on

# The inbox: the latest received first (index incident_inbox_idx), or by the statutory date.
INBOX_SORT = Sort("received", _("Newest first"), ("-first_report_at", "-id"))
DUE_SORT = Sort("due", _("Due date"), ("due_on", "id"))
INBOX_SORTS = (INBOX_SORT, DUE_SORT)
OPEN_STATUSES = (
    IncidentStatus.SUBMITTED,
    IncidentStatus.ACKNOWLEDGED,
    IncidentStatus.INFORMATION_REQUESTED,
    IncidentStatus.FINAL_SUBMITTED,
)


@dataclass(frozen=True)
class IncidentFilters:
    status: str = ""
    member_state: str = ""
    harm: str = ""
    regime: str = ""
    overdue: bool | None = None
    restricted: bool | None = None

    def active(self) -> bool:
        return any(getattr(self, f.name) not in ("", None) for f in fields(self))


def _addressed(authority: Authority, restricted_access: bool) -> Q:
    scope = Q(authority=authority)
    if not restricted_access:
        # Art 74(8): restricted reports are for staff granted that access only.
        scope &= Q(restricted=False)
    return scope


def _readable(memberships: Iterable[AuthorityMembership]) -> Q | None:
    scope: Q | None = None
    for membership in memberships:
        one = _addressed(membership.authority, membership.restricted_access)
        scope = one if scope is None else scope | one
    return scope


def overdue_q(today: date) -> Q:
    """An open report waits on something past its date: the next report its clock asks for
    (an intermediate one under CoP Measure 9.3, or the answer the authority requested), or the
    information the authority requested."""
    return Q(status__in=OPEN_STATUSES) & (
        Q(next_due_on__lt=today)
        | Q(status=IncidentStatus.INFORMATION_REQUESTED, information_due_on__lt=today)
    )


def _annotated(queryset: QuerySet[IncidentReport], today: date) -> QuerySet[IncidentReport]:
    return queryset.select_related("organisation", "authority").annotate(
        overdue=Case(
            When(overdue_q(today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def _filtered(
    queryset: QuerySet[IncidentReport], filters: IncidentFilters, today: date
) -> QuerySet[IncidentReport]:
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.member_state:
        queryset = queryset.filter(member_state=filters.member_state)
    if filters.harm:
        queryset = queryset.filter(harms__contains=[filters.harm])
    if filters.regime:
        queryset = queryset.filter(regime=filters.regime)
    if filters.overdue is True:
        queryset = queryset.filter(overdue_q(today))
    elif filters.overdue is False:
        queryset = queryset.exclude(overdue_q(today))
    if filters.restricted is not None:
        queryset = queryset.filter(restricted=filters.restricted)
    return queryset


def incidents_for_authority(
    *,
    authority: Authority,
    restricted_access: bool,
    filters: IncidentFilters | None = None,
    today: date | None = None,
) -> QuerySet[IncidentReport]:
    """The reports addressed to `authority` (restricted ones with `restricted_access` only),
    filtered, each with `overdue`; page it by keyset with INBOX_SORTS (one query a page)."""
    today = today or timezone.localdate()
    queryset = IncidentReport.objects.filter(_addressed(authority, restricted_access))
    return _annotated(_filtered(queryset, filters or IncidentFilters(), today), today)


def incidents_for_reviewer(
    *,
    memberships: Iterable[AuthorityMembership],
    filters: IncidentFilters | None = None,
    today: date | None = None,
) -> QuerySet[IncidentReport]:
    """The same for a person with one or more authority memberships (the console)."""
    scope = _readable(memberships)
    if scope is None:
        return IncidentReport.objects.none()
    today = today or timezone.localdate()
    queryset = IncidentReport.objects.filter(scope)
    return _annotated(_filtered(queryset, filters or IncidentFilters(), today), today)


def incident_for_reviewer(
    *, memberships: Iterable[AuthorityMembership], report_id: Any
) -> IncidentReport | None:
    """One report the memberships may read, or None (addressed elsewhere it does not exist)."""
    scope = _readable(memberships)
    if scope is None:
        return None
    try:
        return (
            IncidentReport.objects.filter(scope)
            .select_related("organisation", "authority", "filing")
            .filter(pk=report_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def incident_measures_due_on(report: IncidentReport) -> date | None:
    """By when the authority takes its measures (Art 73(8): seven days from receipt, from the
    legal calendar); None for a regime without such a period."""
    return measure_period_ends_on(
        regime=report.regime,
        received_on=timezone.localdate(report.first_report_at),
        calendar=get_default_calendar(),
    )


def incident_versions(report: IncidentReport) -> list[IncidentReportVersion]:
    """Every version of a report the caller may read (all of them: the report is addressed to one
    authority as a whole), oldest first, with their PDF jobs."""
    return list(report.versions.order_by("number").select_related("pdf_job"))


def incident_version(report: IncidentReport, number: int) -> IncidentReportVersion | None:
    return report.versions.select_related("pdf_job").filter(number=number).first()


def incident_steps(report: IncidentReport) -> list[IncidentStep]:
    """What happened to the report, oldest first (the provider sees the same)."""
    return list(report.steps.select_related("authority").order_by("created_at", "id"))


def incident_with_history(report: IncidentReport) -> IncidentReport:
    """The report with its versions and steps prefetched (two queries)."""
    return (
        IncidentReport.objects.filter(pk=report.pk)
        .select_related("organisation", "authority", "filing")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=IncidentReportVersion.objects.order_by("number").select_related("pdf_job"),
            ),
            Prefetch(
                "steps", queryset=IncidentStep.objects.select_related("authority").order_by("id")
            ),
        )
        .get()
    )


# --- counts -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IncidentCounts:
    open: int
    overdue: int
    by_status: list[tuple[str, int]]  # every status, in the workflow's order
    by_member_state: list[tuple[str, int]]  # largest first
    by_harm: list[tuple[str, int]]  # largest first
    # Days from awareness to the first report, in the bands of the statutory clocks.
    time_to_first_report: list[tuple[str, int]]


# Bands by the Art 73(2)-(4) and CoP 9.3 day counts: (upper bound in days, key).
FIRST_REPORT_BANDS = ((2, "0-2"), (5, "3-5"), (10, "6-10"), (15, "11-15"), (None, "16+"))


def _band(days: int) -> str:
    for bound, key in FIRST_REPORT_BANDS:
        if bound is None or days <= bound:
            return key
    return FIRST_REPORT_BANDS[-1][1]


def incident_open_counts(
    *, memberships: Iterable[AuthorityMembership], today: date | None = None
) -> tuple[int, int]:
    """(open, overdue) reports the memberships read: the console landing's figure (one query)."""
    today = today or timezone.localdate()
    scope = _readable(memberships)
    if scope is None:
        return 0, 0
    rows = IncidentReport.objects.filter(scope, status__in=OPEN_STATUSES).order_by()
    counted = rows.aggregate(open=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
    return counted["open"] or 0, counted["overdue"] or 0


def incident_counts(
    *, memberships: Iterable[AuthorityMembership], today: date | None = None
) -> IncidentCounts:
    """The dashboard's figures for the reports the memberships read (one query)."""
    today = today or timezone.localdate()
    scope = _readable(memberships)
    rows: list[tuple[str, str, list[str], date, object, bool]] = []
    if scope is not None:
        rows = list(
            IncidentReport.objects.filter(scope)
            .order_by()
            .annotate(
                is_overdue=Case(
                    When(overdue_q(today), then=Value(True)),
                    default=Value(False),
                    output_field=BooleanField(),
                ),
                first_report=F("first_report_at"),
            )
            .values_list(
                "status", "member_state", "harms", "aware_on", "first_report", "is_overdue"
            )
        )
    statuses: Counter[str] = Counter()
    states: Counter[str] = Counter()
    harms: Counter[str] = Counter()
    bands: Counter[str] = Counter()
    overdue = 0
    for status, member_state, report_harms, aware_on, first_report_at, is_overdue in rows:
        statuses[status] += 1
        states[member_state or ""] += 1
        for harm in report_harms or ():
            harms[harm] += 1
        if first_report_at is not None and aware_on is not None:
            days = (timezone.localdate(first_report_at) - aware_on).days  # type: ignore[arg-type]
            bands[_band(max(0, days))] += 1
        overdue += bool(is_overdue)

    def largest(counter: Counter[str]) -> list[tuple[str, int]]:
        return sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))

    return IncidentCounts(
        open=sum(n for status, n in statuses.items() if status in OPEN_STATUSES),
        overdue=overdue,
        by_status=[(status.value, statuses.get(status.value, 0)) for status in IncidentStatus],
        by_member_state=largest(states),
        by_harm=largest(harms),
        time_to_first_report=[(key, bands.get(key, 0)) for _bound, key in FIRST_REPORT_BANDS],
    )


__all__ = [
    "INBOX_SORT",
    "INBOX_SORTS",
    "IncidentCounts",
    "IncidentFilters",
    "incident_counts",
    "incident_for_reviewer",
    "incident_measures_due_on",
    "incident_open_counts",
    "incident_steps",
    "incident_version",
    "incident_versions",
    "incident_with_history",
    "incidents_for_authority",
    "incidents_for_reviewer",
    "overdue_q",
]
