"""The register, in the public schema: what organisations filed, as filed, and what regulators
decided about it. Nothing here is ever edited in place: a correction is a new version."""

from registry.register.models.counts import ALL_STATES, QueueCount
from registry.register.models.evidence import EvidenceBlob, FilingEvidence
from registry.register.models.filings import (
    MODEL_KINDS,
    SYSTEM_KINDS,
    Filing,
    FilingKind,
    FilingStatus,
    FilingVersion,
    SnapshotImmutable,
)
from registry.register.models.incidents import (
    INCIDENT_OPEN_STATUSES,
    IncidentHarm,
    IncidentMeasure,
    IncidentPdfJob,
    IncidentRegime,
    IncidentReport,
    IncidentReportVersion,
    IncidentStage,
    IncidentStatus,
    IncidentStep,
    IncidentStepKind,
    IncidentSubject,
)
from registry.register.models.pdf import PdfJob, PdfJobState, PublicRendition
from registry.register.models.reminders import AuthorityReminder, Reminder, ReminderKind
from registry.register.models.review import ReviewComment, ReviewDecision, ReviewDecisionKind

__all__ = [
    "ALL_STATES",
    "AuthorityReminder",
    "QueueCount",
    "MODEL_KINDS",
    "SYSTEM_KINDS",
    "EvidenceBlob",
    "Filing",
    "FilingEvidence",
    "FilingKind",
    "FilingStatus",
    "FilingVersion",
    "INCIDENT_OPEN_STATUSES",
    "IncidentHarm",
    "IncidentMeasure",
    "IncidentPdfJob",
    "IncidentRegime",
    "IncidentReport",
    "IncidentReportVersion",
    "IncidentStage",
    "IncidentStatus",
    "IncidentStep",
    "IncidentStepKind",
    "IncidentSubject",
    "PdfJob",
    "PdfJobState",
    "PublicRendition",
    "Reminder",
    "ReminderKind",
    "ReviewComment",
    "ReviewDecision",
    "ReviewDecisionKind",
    "SnapshotImmutable",
]
