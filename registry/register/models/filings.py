from __future__ import annotations

import uuid
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SnapshotImmutable(Exception):
    """Raised on any attempt to change what was filed."""


class FilingKind(models.TextChoices):
    ANNEX_VIII_A = "annex_viii_a", _("Registration, Annex VIII Section A (Art 49(1))")
    ANNEX_VIII_B = "annex_viii_b", _("Registration, Annex VIII Section B (Art 49(2))")
    ANNEX_VIII_C = "annex_viii_c", _("Registration of use, Annex VIII Section C (Art 49(3))")
    GPAI_ART52_NOTIFICATION = (
        "gpai_art52_notification",
        _("GPAI systemic-risk notification (Art 52(1))"),
    )
    GPAI_MODEL_DOCUMENTATION = (
        "gpai_model_documentation",
        _("GPAI model documentation (Art 53(1)(a), Annex XI)"),
    )
    GPAI_TRAINING_SUMMARY = (
        "gpai_training_summary",
        _("Public summary of GPAI training content (Art 53(1)(d))"),
    )
    COP_SIGNATORY_DECLARATION = (
        "cop_signatory_declaration",
        _("Code of Practice signatory declaration (Art 56)"),
    )

    @property
    def section(self) -> str | None:
        return {"annex_viii_a": "A", "annex_viii_b": "B", "annex_viii_c": "C"}.get(self.value)

    @property
    def for_ai_office(self) -> bool:
        # Art 88-94: the Commission (AI Office) supervises GPAI model providers.
        return self.value in {
            "gpai_art52_notification",
            "gpai_model_documentation",
            "gpai_training_summary",
            "cop_signatory_declaration",
        }


# What a filing is about: an AI system (Art 49, Annex VIII Sections A to C) or a GPAI model
# version (Art 52(1), Art 53(1)(a), (d)); the Code of Practice declaration is about the
# organisation.
SYSTEM_KINDS = frozenset(kind.value for kind in FilingKind if kind.section)
# What a GPAI provider files with the AI Office only (Art 78): the notification and the Annex XI
# documentation. The training-content summary is public by law (Art 53(1)(d)).
CONFIDENTIAL_MODEL_KINDS = frozenset(
    {FilingKind.GPAI_ART52_NOTIFICATION.value, FilingKind.GPAI_MODEL_DOCUMENTATION.value}
)
MODEL_KINDS = CONFIDENTIAL_MODEL_KINDS | {FilingKind.GPAI_TRAINING_SUMMARY.value}


class FilingStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REGISTERED = "registered", _("Registered")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SUPERSEDED = "superseded", _("Superseded by a newer version")


OPEN_STATUSES = (FilingStatus.SUBMITTED, FilingStatus.UNDER_REVIEW)


class Filing(models.Model):
    """A registration entry: the chain of versions an organisation filed about one subject.

    This row is also the regulator queue's index: it carries, denormalised from the newest
    version, what the queue filters on (status, member states, Annex III area, tier).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="filings"
    )
    kind = models.CharField(max_length=32, choices=FilingKind.choices)
    subject_type = models.CharField(max_length=16)  # ai_system | gpai_model | organisation
    subject_id = models.CharField(max_length=64)  # id in the organisation's workspace
    # A system's trade name and reference (200 characters each) with a space between them.
    subject_name = models.CharField(max_length=401)
    registration_number = models.CharField(max_length=32, unique=True)
    status = models.CharField(max_length=20, choices=FilingStatus.choices, db_index=True)
    # Art 49(4): law enforcement, migration, asylum and border control filings live in the
    # secure non-public section; only entitled authority staff see them. True once any version was
    # filed as restricted, and never reset: a later, unrestricted version must not open the
    # earlier ones (or the entry's history) to readers without Art 49(4) access. Each version
    # keeps its own flag (`FilingVersion.restricted`).
    restricted = models.BooleanField(default=False)
    # Every member state any version named (Art 70, 74): an authority that could see a version
    # keeps seeing the filing, so an organisation cannot move an entry out of its sight by filing
    # a new version elsewhere. Which versions it sees: `FilingVersion.member_states`.
    member_states = ArrayField(models.CharField(max_length=2), default=list, blank=True)
    annex_iii_area = models.CharField(max_length=8, blank=True)
    risk_tier = models.CharField(max_length=32, blank=True)
    latest_version_number = models.PositiveIntegerField(default=1)
    # When the newest version was submitted: the queue's sort key, kept here (not looked up in
    # the versions per row) so a page of the queue is an index scan.
    latest_submitted_at = models.DateTimeField(null=True, blank=True)
    registered_version_number = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    registered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "subject_type", "subject_id"],
                name="one_filing_per_subject_and_kind",
            )
        ]
        indexes = [
            models.Index(fields=["status", "-updated_at"], name="filing_queue_idx"),
            models.Index(fields=["kind", "status"], name="filing_kind_status_idx"),
            models.Index(fields=["latest_submitted_at", "id"], name="filing_waiting_idx"),
            # The public register's newest-first sort (keyset pagination seeks in it).
            models.Index(fields=["registered_at", "id"], name="filing_registered_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_number} {self.subject_name}"


# Columns of a version that a review may change. Everything else is the filing as filed.
VERSION_MUTABLE_FIELDS = frozenset({"status", "decided_at"})


class FilingVersion(models.Model):
    filing = models.ForeignKey(Filing, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    schema_version = models.CharField(max_length=8)
    # The canonical JSON exactly as hashed; `snapshot` is the same data for querying.
    canonical = models.TextField()
    snapshot = models.JSONField()
    sha256 = models.CharField(max_length=64, unique=True)
    previous_sha256 = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField()
    submitted_by_id = models.BigIntegerField(null=True)
    submitted_by_label = models.CharField(max_length=254)
    status = models.CharField(max_length=20, choices=FilingStatus.choices, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Who may read this version, as filed and never changed (the immutability trigger covers
    # both): filed in the Art 49(4) secure section, and the member states it names.
    restricted = models.BooleanField(default=False)
    member_states = ArrayField(models.CharField(max_length=2), default=list, blank=True)

    class Meta:
        ordering = ["filing", "number"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "number"], name="one_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.filing.registration_number} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if fields is None or not set(fields) <= VERSION_MUTABLE_FIELDS:
                raise SnapshotImmutable(
                    "A submitted version cannot be changed; file a new version instead."
                )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise SnapshotImmutable("A submitted version cannot be deleted.")
