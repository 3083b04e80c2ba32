"""The organisation's serious-incident reports as it sees them: its drafts (workspace) with what
the register holds about each (the report, its versions and steps), and the clock of each.

A page of drafts costs two queries whatever its length (the drafts with their subjects, then
their reports); the clocks are computed in Python with ``registry.rules.incidents``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry import rules
from registry.register.models import (
    INCIDENT_OPEN_STATUSES,
    IncidentReport,
    IncidentReportVersion,
    IncidentStatus,
    IncidentStep,
)
from registry.register.selectors_incidents import (
    incident_of_organisation,
    incident_reports_by_id,
    incident_steps,
    incident_version,
    incident_versions,
)
from registry.rules.incidents import IncidentClockError, incident_clock
from registry.workspace.models.incidents import IncidentDraft
from registry.workspace.permissions import current_organisation


@dataclass(frozen=True)
class Clock:
    """What is due next about one incident, by when, under which rule."""

    due_on: date | None
    what: Any  # a translated phrase: "Initial report", "Information requested", ...
    citation: str
    overdue: bool
    days_left: int | None
    late_initial: bool = False  # the initial report was sent after its due date

    @property
    def due_soon(self) -> bool:
        return self.days_left is not None and 0 <= self.days_left <= 2


@dataclass(frozen=True)
class IncidentRow:
    draft: IncidentDraft
    report: IncidentReport | None
    clock: Clock

    @property
    def status(self) -> str:
        return self.report.status if self.report else "draft"


def incident_draft_list() -> QuerySet[IncidentDraft]:
    return IncidentDraft.objects.select_related("system", "gpai_model")


def _clock(draft: IncidentDraft, report: IncidentReport | None, today: date) -> Clock:
    def make(due_on: date | None, what: Any, citation: str, **extra: Any) -> Clock:
        left = (due_on - today).days if due_on else None
        overdue = left is not None and left < 0
        return Clock(due_on, what, citation, overdue, left, **extra)

    if report is None:
        try:
            clock = incident_clock(
                regime=draft.regime,
                harms=draft.harms,
                widespread=draft.widespread,
                aware_on=draft.aware_on,
                calendar=rules.get_default_calendar(),
            )
        except IncidentClockError:
            return make(None, _("Initial report"), "")
        return make(clock.due_on, _("Initial report"), clock.citation)
    late = report.first_report_at.date() > report.due_on
    if report.status not in INCIDENT_OPEN_STATUSES:
        return Clock(None, report.get_status_display(), "", False, None, late)
    if report.status == IncidentStatus.INFORMATION_REQUESTED and report.information_due_on:
        return make(
            report.information_due_on, _("Information requested"), "Art 73(8)", late_initial=late
        )
    if report.next_due_on:
        return make(
            report.next_due_on,
            _("Next report"),
            "CoP Measure 9.3" if report.regime == "art55" else "Art 73(6)",
            late_initial=late,
        )
    return Clock(
        None, _("Final report (Art 73(6)) when the investigation ends"), "", False, None, late
    )


def incident_rows(drafts: list[IncidentDraft], *, today: date | None = None) -> list[IncidentRow]:
    """Each draft with its report (one query for the page) and its clock."""
    today = today or timezone.localdate()
    reports = incident_reports_by_id(
        organisation=current_organisation(), ids=[d.register_report_id for d in drafts]
    )
    rows = []
    for draft in drafts:
        report = reports.get(draft.register_report_id) if draft.register_report_id else None
        rows.append(IncidentRow(draft, report, _clock(draft, report, today)))
    return rows


def incident_row(draft: IncidentDraft) -> IncidentRow:
    return incident_rows([draft])[0]


@dataclass(frozen=True)
class IncidentDetail:
    row: IncidentRow
    versions: list[IncidentReportVersion]
    steps: list[IncidentStep]


def incident_detail(draft: IncidentDraft) -> IncidentDetail:
    report = incident_of_organisation(
        organisation=current_organisation(), report_id=draft.register_report_id
    )
    row = IncidentRow(draft, report, _clock(draft, report, timezone.localdate()))
    if report is None:
        return IncidentDetail(row, [], [])
    return IncidentDetail(
        row, list(incident_versions(report).order_by("-number")), list(incident_steps(report))
    )


def incident_report_version(draft: IncidentDraft, number: int) -> IncidentReportVersion | None:
    report = incident_of_organisation(
        organisation=current_organisation(), report_id=draft.register_report_id
    )
    return incident_version(report, number) if report else None


def incident_clocks_open(*, system: Any = None, limit: int = 10) -> list[IncidentRow]:
    """The incidents still running a clock (a draft not sent, or a report not closed), the
    nearest due first: for the dashboard and a system's page. Two queries."""
    drafts = incident_draft_list()
    if system is not None:
        drafts = drafts.filter(system=system)
    rows = [
        row
        for row in incident_rows(list(drafts.order_by("-updated_at", "-id")[:200]))
        if row.clock.due_on is not None
    ]
    rows.sort(key=lambda row: (row.clock.due_on, row.draft.pk))
    return rows[:limit]
