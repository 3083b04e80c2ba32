"""What falls due for one organisation, read from its workspace and from the register.

Run inside the organisation's schema (tenant_context); the register's tables are in the public
schema, which is on the search path too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from registry.register.models import Filing, FilingStatus, ReminderKind
from registry.rules.dates import certificate_renewal_alerts

# How far ahead a date must be to be worth a reminder now.
HORIZON_DAYS = 30
# A filing for the subject in one of these statuses means the registration duty is met or
# under way; rejected and withdrawn filings leave the duty open.
FILED_STATUSES = (
    FilingStatus.SUBMITTED,
    FilingStatus.UNDER_REVIEW,
    FilingStatus.CHANGES_REQUESTED,
    FilingStatus.REGISTERED,
)


@dataclass(frozen=True)
class DueItem:
    kind: str
    object_ref: str
    due_on: date
    title: str
    link_path: str = ""


def due_items(organisation_id: int, today: date) -> list[DueItem]:
    horizon = today + timedelta(days=HORIZON_DAYS)
    return [
        *_registrations(organisation_id, today, horizon),
        *_certificates(today),
        *_risk_reviews(horizon),
        *_qms_reviews(horizon),
        *_changes_requested(organisation_id),
    ]


def _registrations(organisation_id: int, today: date, horizon: date) -> list[DueItem]:
    from registry.workspace.models import AISystem

    systems = list(
        AISystem.objects.exclude(registration_section="").only(
            "uid",
            "trade_name",
            "system_reference",
            "registration_section",
            "status",
            "compliance_deadline",
            "created_at",
        )
    )
    if not systems:
        return []
    filed = set(
        Filing.objects.filter(
            organisation_id=organisation_id,
            subject_type="ai_system",
            subject_id__in=[str(s.uid) for s in systems],
            status__in=FILED_STATUSES,
        ).values_list("subject_id", flat=True)
    )
    items = []
    for system in systems:
        if str(system.uid) in filed:
            continue
        # Art 49: registration comes before placing on the market. A system already on the
        # market (status given) is overdue; otherwise the compliance deadline dates it.
        due = system.compliance_deadline or system.created_at.date()
        if system.status or due <= horizon:
            items.append(
                DueItem(
                    ReminderKind.REGISTRATION_DUE,
                    f"system:{system.uid}:section-{system.registration_section}",
                    due,
                    f"Register {system} (Annex VIII Section {system.registration_section})",
                    "/systems/",
                )
            )
    return items


def _certificates(today: date) -> list[DueItem]:
    from registry.workspace.models import AISystem

    items = []
    for system in AISystem.objects.filter(certificate_expiry_date__isnull=False).only(
        "uid", "trade_name", "system_reference", "certificate_expiry_date", "certificate_number"
    ):
        expiry = system.certificate_expiry_date
        passed = [alert for alert in certificate_renewal_alerts(expiry) if alert <= today]
        if not passed or today > expiry:
            continue
        # One reminder per alert date (180, 90, 30 days before): the latest one reached.
        alert = max(passed)
        items.append(
            DueItem(
                ReminderKind.CERTIFICATE_EXPIRY,
                f"system:{system.uid}:certificate@{alert.isoformat()}",
                expiry,
                f"Certificate {system.certificate_number or ''} of {system} expires".replace(
                    "  ", " "
                ),
                "/systems/",
            )
        )
    return items


def _risk_reviews(horizon: date) -> list[DueItem]:
    from registry.workspace.models import RiskRecord

    records = (
        RiskRecord.objects.filter(next_review_on__isnull=False, next_review_on__lte=horizon)
        .exclude(status="closed")
        .select_related("system")
        .only("uid", "hazard", "next_review_on", "system__trade_name", "system__system_reference")
    )
    return [
        DueItem(
            ReminderKind.RISK_REVIEW,
            f"risk:{record.uid}",
            record.next_review_on,
            f"Review risk '{record.hazard[:80]}' of {record.system}",
            "/records/",
        )
        for record in records
    ]


def _qms_reviews(horizon: date) -> list[DueItem]:
    from registry.workspace.models import QMSRecord

    records = QMSRecord.objects.filter(
        ~Q(status="retired"), next_review_on__isnull=False, next_review_on__lte=horizon
    ).only("uid", "title", "document_version", "aspect", "next_review_on")
    return [
        DueItem(
            ReminderKind.QMS_REVIEW,
            f"qms:{record.uid}",
            record.next_review_on,
            f"Review QMS record '{record.title}' ({record.document_version})",
            "/records/",
        )
        for record in records
    ]


def _changes_requested(organisation_id: int) -> list[DueItem]:
    from registry.workspace.selectors.drafts import filing_draft_paths

    filings = list(
        Filing.objects.filter(
            organisation_id=organisation_id, status=FilingStatus.CHANGES_REQUESTED
        ).only("id", "registration_number", "subject_name", "latest_version_number", "updated_at")
    )
    # The organisation's page of a filing is its draft's (this runs in the organisation's schema).
    paths = filing_draft_paths([filing.pk for filing in filings])
    return [
        DueItem(
            ReminderKind.CHANGES_REQUESTED,
            f"filing:{filing.pk}:v{filing.latest_version_number}",
            filing.updated_at.date(),
            f"Changes requested on {filing.registration_number} ({filing.subject_name}), "
            f"version {filing.latest_version_number}",
            paths.get(filing.pk, "/filings/"),
        )
        for filing in filings
    ]
