"""Serious-incident reports in the register (public schema): what a provider sent to one
authority about one incident, as immutable versions, and what the authority did with it.

Never public (Art 73, Art 78 confidentiality): read by the organisation that reported and by the
authority it was addressed to, and when restricted only by that authority's staff with restricted
access (Art 49(4), Art 74(8)). The clocks: ``registry.rules.incidents``.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry import labels
from registry.register.models.filings import SnapshotImmutable
from registry.register.models.pdf import RenderJob
from registry.rules import incidents as rules_incidents
from registry.workspace.choices import choices_from

# The codes are the rules engine's (registry.rules.incidents), the words the label table's.
IncidentRegime = choices_from(rules_incidents.IncidentRegime, labels.INCIDENT_REGIME)
IncidentHarm = choices_from(rules_incidents.IncidentHarm, labels.INCIDENT_HARM)


class IncidentSubject(models.TextChoices):
    AI_SYSTEM = "ai_system", _("AI system")
    GPAI_MODEL = "gpai_model", _("GPAI model")


class IncidentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the authority")
    INFORMATION_REQUESTED = "information_requested", _("Information requested")
    FINAL_SUBMITTED = "final_submitted", _("Final report submitted")
    CLOSED = "closed", _("Closed")


# Statuses in which the provider may still send a version; after the final report only the
# authority acts (it may close, or ask for more, which opens the report again).
INCIDENT_OPEN_STATUSES = (
    IncidentStatus.SUBMITTED,
    IncidentStatus.ACKNOWLEDGED,
    IncidentStatus.INFORMATION_REQUESTED,
)


class IncidentStage(models.TextChoices):
    INITIAL = "initial", _("Initial report (Art 73(5): may be incomplete)")
    FOLLOW_UP = "follow_up", _("Follow-up report")
    INTERMEDIATE = "intermediate", _("Intermediate report (CoP Measure 9.3)")
    FINAL = "final", _("Final report (Art 73(6): investigation and corrective action)")


class IncidentStepKind(models.TextChoices):
    SUBMITTED = "submitted", _("Report version submitted")
    ACKNOWLEDGED = "acknowledged", _("Receipt acknowledged")
    INFORMATION_REQUESTED = "information_requested", _("Information requested")
    INFORMATION_PROVIDED = "information_provided", _("Information provided")
    MEASURE_RECORDED = "measure_recorded", _("Measure recorded (Art 73(8))")
    CLOSED = "closed", _("Closed")


class IncidentMeasure(models.TextChoices):
    # Art 73(8) with Art 19 of Regulation (EU) 2019/1020.
    WITHDRAWAL = "withdrawal", _("Withdrawal from the market")
    RECALL = "recall", _("Recall")
    PROHIBITION = "prohibition", _("Prohibition of making it available")
    RESTRICTION = "restriction", _("Restriction of making it available")
    OTHER = "other", _("Other measure")


class IncidentReport(models.Model):
    """One incident as reported: the chain of versions sent to one authority about it.

    Carries, denormalised from its versions and steps, what the provider's list and the
    authority's inbox filter and sort on (status, due dates, harms, member state)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="incident_reports"
    )
    reference = models.CharField(max_length=32, unique=True)  # INC-2026-000042
    regime = models.CharField(max_length=8, choices=IncidentRegime.choices)
    subject_type = models.CharField(max_length=16, choices=IncidentSubject.choices)
    subject_id = models.CharField(max_length=64)  # the system's or model's uid in the workspace
    subject_name = models.CharField(max_length=401)
    # The registration of that system or model, when it has one (Art 73(1): "placed on the
    # Union market"; the register tells the authority what it is).
    filing = models.ForeignKey(
        "register.Filing",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incident_reports",
    )
    # The recipient, chosen at the first report and never changed.
    authority = models.ForeignKey(
        "accounts.Authority", on_delete=models.PROTECT, related_name="incident_reports"
    )
    member_state = models.CharField(max_length=2, blank=True)  # where it occurred
    harms = ArrayField(models.CharField(max_length=32, choices=IncidentHarm.choices))
    widespread = models.BooleanField(default=False)  # Art 3(61), Art 73(3)
    aware_on = models.DateField()
    due_on = models.DateField()  # of the initial report, from the clock
    clock_citation = models.CharField(max_length=120)
    # Art 49(4), Art 74(8): Annex III points 1, 6 and 7 in law enforcement, migration, asylum
    # and border control; only authority staff with restricted access see it.
    restricted = models.BooleanField(default=False)
    status = models.CharField(
        max_length=24, choices=IncidentStatus.choices, default=IncidentStatus.SUBMITTED
    )
    latest_number = models.PositiveIntegerField(default=1)
    latest_stage = models.CharField(
        max_length=16, choices=IncidentStage.choices, default=IncidentStage.INITIAL
    )
    # The next report the clock asks for: an intermediate one (CoP 9.3) or the answer to the
    # authority's request; null when none is due.
    next_due_on = models.DateField(null=True, blank=True)
    information_due_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_report_at = models.DateTimeField()
    latest_report_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-first_report_at", "-id"]
        indexes = [
            # The provider's list and the authority's inbox, newest first (keyset pages).
            models.Index(fields=["organisation", "first_report_at", "id"], name="incident_org_idx"),
            models.Index(fields=["authority", "first_report_at", "id"], name="incident_inbox_idx"),
            models.Index(fields=["status", "due_on"], name="incident_status_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject_name}"


# Columns of a version that may change after it is filed: none. A correction is a new version.
class IncidentReportVersion(models.Model):
    report = models.ForeignKey(IncidentReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    stage = models.CharField(max_length=16, choices=IncidentStage.choices)
    # The canonical JSON exactly as hashed; `snapshot` is the same data for querying.
    canonical = models.TextField()
    snapshot = models.JSONField()
    sha256 = models.CharField(max_length=64, unique=True)
    previous_sha256 = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField()
    submitted_by_id = models.BigIntegerField(null=True)
    submitted_by_label = models.CharField(max_length=254)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_incident_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.report.reference} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SnapshotImmutable(
                "A submitted incident report cannot be changed; send a new version instead."
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise SnapshotImmutable("A submitted incident report cannot be deleted.")


class IncidentStep(models.Model):
    """What happened to a report, in order: each version sent and each act of the authority.
    Append-only (a database trigger refuses updates and deletes)."""

    report = models.ForeignKey(IncidentReport, on_delete=models.PROTECT, related_name="steps")
    kind = models.CharField(max_length=24, choices=IncidentStepKind.choices)
    actor_label = models.CharField(max_length=254)
    authority = models.ForeignKey(
        "accounts.Authority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version_number = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    due_on = models.DateField(null=True, blank=True)  # information requested by
    measure = models.CharField(max_length=16, choices=IncidentMeasure.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.kind}"


class IncidentPdfJob(RenderJob):
    """The PDF of one incident-report version, rendered by the PDF worker: one per version."""

    version = models.OneToOneField(
        IncidentReportVersion, on_delete=models.PROTECT, related_name="pdf_job"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="ready_incident_pdf_has_hash",
                condition=~models.Q(state="ready") | ~models.Q(pdf_sha256=""),
            )
        ]

    def __str__(self) -> str:
        return f"Incident PDF of {self.version_id}: {self.state}"
