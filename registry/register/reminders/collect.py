"""What falls due for one organisation: its workspace's dates, read through the workspace's one
interface (`registry.workspace.selectors.due.workspace_due`, inside the organisation's schema),
and what the register says of its filings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django_tenants.utils import tenant_context

from portal.tenancy.models import Organisation
from registry.register.models import Filing, FilingStatus, ReminderKind
from registry.rules.dates import certificate_renewal_alerts

if TYPE_CHECKING:
    from registry.workspace.selectors.due import Certificate, SystemToRegister

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


def due_items(organisation: Organisation, today: date) -> list[DueItem]:
    from registry.workspace.selectors.due import workspace_due

    horizon = today + timedelta(days=HORIZON_DAYS)
    changes_requested = list(
        Filing.objects.filter(
            organisation=organisation, status=FilingStatus.CHANGES_REQUESTED
        ).only("id", "registration_number", "subject_name", "latest_version_number", "updated_at")
    )
    from registry.register.reminders.incidents import incident_due_items, open_incident_ids

    incident_ids = open_incident_ids(organisation)
    # The workspace's tables are read in its own schema, through its one interface.
    with tenant_context(organisation):
        due = workspace_due(
            horizon=horizon,
            filing_ids=[f.pk for f in changes_requested],
            incident_ids=incident_ids,
        )
    return [
        *incident_due_items(organisation, today, due),
        *_registrations(organisation, due.systems_to_register),
        *_certificates(due.certificates, today),
        *(
            DueItem(
                ReminderKind.RISK_REVIEW,
                f"risk:{risk.uid}",
                risk.due_on,
                f"Review risk '{risk.hazard[:80]}' of {risk.system_name}",
                "/records/",
            )
            for risk in due.risk_reviews
        ),
        *(
            DueItem(
                ReminderKind.QMS_REVIEW,
                f"qms:{qms.uid}",
                qms.due_on,
                f"Review QMS record '{qms.title}' ({qms.document_version})",
                "/records/",
            )
            for qms in due.qms_reviews
        ),
        *(
            DueItem(
                ReminderKind.CHANGES_REQUESTED,
                f"filing:{filing.pk}:v{filing.latest_version_number}",
                filing.updated_at.date(),
                f"Changes requested on {filing.registration_number} ({filing.subject_name}), "
                f"version {filing.latest_version_number}",
                due.filing_paths.get(filing.pk, "/filings/"),
            )
            for filing in changes_requested
        ),
    ]


def _registrations(organisation: Organisation, systems: list[SystemToRegister]) -> list[DueItem]:
    if not systems:
        return []
    filed = set(
        Filing.objects.filter(
            organisation=organisation,
            subject_type="ai_system",
            subject_id__in=[s.uid for s in systems],
            status__in=FILED_STATUSES,
        ).values_list("subject_id", flat=True)
    )
    return [
        DueItem(
            ReminderKind.REGISTRATION_DUE,
            f"system:{system.uid}:section-{system.section}",
            system.due_on,
            f"Register {system.name} (Annex VIII Section {system.section})",
            "/systems/",
        )
        for system in systems
        if system.uid not in filed
    ]


def _certificates(certificates: list[Certificate], today: date) -> list[DueItem]:
    items = []
    for certificate in certificates:
        expiry = certificate.expires_on
        passed = [alert for alert in certificate_renewal_alerts(expiry) if alert <= today]
        if not passed or today > expiry:
            continue
        # One reminder per alert date (180, 90, 30 days before): the latest one reached.
        alert = max(passed)
        items.append(
            DueItem(
                ReminderKind.CERTIFICATE_EXPIRY,
                f"system:{certificate.uid}:certificate@{alert.isoformat()}",
                expiry,
                f"Certificate {certificate.number} of {certificate.system_name} expires".replace(
                    "  ", " "
                ),
                "/systems/",
            )
        )
    return items
