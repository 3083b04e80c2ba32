"""What falls due in one organisation's workspace, as plain data for the register's reminders.

The daily reminder job lives in the register (public schema); it calls `workspace_due` inside the
organisation's schema (tenant_context) and never reads the workspace's tables itself. What the
register knows (which subjects are filed, which filings await changes) it reads on its own side.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from registry.rules import get_default_calendar
from registry.rules.incidents import IncidentClockError, incident_clock
from registry.workspace.models import AISystem, QMSRecord, RiskRecord
from registry.workspace.models.incidents import IncidentDraft
from registry.workspace.selectors.drafts import filing_draft_paths


@dataclass(frozen=True)
class SystemToRegister:
    """A system with a registration section (Art 49) that is on the market or due by the
    horizon. Whether it is already filed is the register's to say."""

    uid: str
    name: str
    section: str
    due_on: date


@dataclass(frozen=True)
class Certificate:
    """A notified-body certificate of a system (Annex VIII Section A point 8) and its expiry."""

    uid: str
    system_name: str
    number: str
    expires_on: date


@dataclass(frozen=True)
class RiskReview:
    """A risk record (Art 9(2)) whose next review falls by the horizon."""

    uid: str
    hazard: str
    system_name: str
    due_on: date


@dataclass(frozen=True)
class QMSReview:
    """A QMS record (Art 17) whose next review falls by the horizon."""

    uid: str
    title: str
    document_version: str
    due_on: date


@dataclass(frozen=True)
class IncidentDraftDue:
    """An incident recorded but not reported yet: its initial report's statutory date (Art 73(2)-
    (4), CoP Measure 9.3), from the legal calendar's clocks."""

    id: int
    title: str
    due_on: date
    path: str


@dataclass(frozen=True)
class WorkspaceDue:
    systems_to_register: list[SystemToRegister] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    risk_reviews: list[RiskReview] = field(default_factory=list)
    qms_reviews: list[QMSReview] = field(default_factory=list)
    # The organisation's page of each given register filing: its draft's, numbered here.
    filing_paths: dict[uuid.UUID, str] = field(default_factory=dict)
    incidents_to_report: list[IncidentDraftDue] = field(default_factory=list)
    # The organisation's page of each given serious-incident report (its draft's).
    incident_paths: dict[uuid.UUID, str] = field(default_factory=dict)


def workspace_due(
    *,
    horizon: date,
    filing_ids: Collection[uuid.UUID] = (),
    incident_ids: Collection[uuid.UUID] = (),
) -> WorkspaceDue:
    """Read in the organisation's schema (tenant_context). Five queries, more with filings and
    incident reports to link to."""
    return WorkspaceDue(
        systems_to_register=_systems_to_register(horizon),
        certificates=_certificates(),
        risk_reviews=_risk_reviews(horizon),
        qms_reviews=_qms_reviews(horizon),
        filing_paths=filing_draft_paths(filing_ids) if filing_ids else {},
        incidents_to_report=_incidents_to_report(horizon),
        incident_paths=incident_draft_paths(incident_ids) if incident_ids else {},
    )


def incident_draft_paths(report_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The organisation's page of each serious-incident report: the draft it was sent from."""
    drafts = IncidentDraft.objects.filter(register_report_id__in=list(report_ids))
    return {
        report_id: f"/incidents/{pk}/"
        for pk, report_id in drafts.values_list("pk", "register_report_id")
        if report_id is not None
    }


def _incidents_to_report(horizon: date) -> list[IncidentDraftDue]:
    drafts = IncidentDraft.objects.filter(register_report_id__isnull=True).only(
        "id", "title", "regime", "harms", "widespread", "aware_on"
    )
    calendar = get_default_calendar()
    due = []
    for draft in drafts:
        try:
            clock = incident_clock(
                regime=draft.regime,
                harms=list(draft.harms or ()),
                widespread=draft.widespread,
                aware_on=draft.aware_on,
                calendar=calendar,
            )
        except IncidentClockError:
            continue  # no harm named yet: no clock to remind of
        if clock.due_on <= horizon:
            due.append(
                IncidentDraftDue(draft.pk, draft.title, clock.due_on, f"/incidents/{draft.pk}/")
            )
    return due


def _systems_to_register(horizon: date) -> list[SystemToRegister]:
    systems = AISystem.objects.exclude(registration_section="").only(
        "uid",
        "trade_name",
        "system_reference",
        "registration_section",
        "status",
        "compliance_deadline",
        "created_at",
    )
    due = []
    for system in systems:
        # Art 49: registration comes before placing on the market. A system already on the
        # market (status given) is overdue; otherwise the compliance deadline dates it.
        due_on = system.compliance_deadline or system.created_at.date()
        if system.status or due_on <= horizon:
            due.append(
                SystemToRegister(str(system.uid), str(system), system.registration_section, due_on)
            )
    return due


def _certificates() -> list[Certificate]:
    systems = AISystem.objects.filter(certificate_expiry_date__isnull=False).only(
        "uid", "trade_name", "system_reference", "certificate_expiry_date", "certificate_number"
    )
    return [
        Certificate(
            str(system.uid),
            str(system),
            system.certificate_number or "",
            system.certificate_expiry_date,
        )
        for system in systems
        if system.certificate_expiry_date is not None
    ]


def _risk_reviews(horizon: date) -> list[RiskReview]:
    records = (
        RiskRecord.objects.filter(next_review_on__isnull=False, next_review_on__lte=horizon)
        .exclude(status="closed")
        .select_related("system")
        .only("uid", "hazard", "next_review_on", "system__trade_name", "system__system_reference")
    )
    return [
        RiskReview(str(record.uid), record.hazard, str(record.system), record.next_review_on)
        for record in records
        if record.next_review_on is not None
    ]


def _qms_reviews(horizon: date) -> list[QMSReview]:
    records = QMSRecord.objects.filter(
        ~Q(status="retired"), next_review_on__isnull=False, next_review_on__lte=horizon
    ).only("uid", "title", "document_version", "aspect", "next_review_on")
    return [
        QMSReview(str(record.uid), record.title, record.document_version, record.next_review_on)
        for record in records
        if record.next_review_on is not None
    ]
