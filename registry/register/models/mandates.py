"""Authorised-representative mandates (Art 22 for high-risk systems, Art 54 for GPAI models).

A mandate is a relation between two organisations, so it lives in the public schema: the provider
offers it from its workspace, the representative accepts or declines it in its own, and each side
reads it through ``registry.register.selectors_mandates``. Its history is ``MandateEvent``, one row
per step, never edited.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class MandateStatus(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACTIVE = "active", _("Active")
    DECLINED = "declined", _("Declined")
    TERMINATED = "terminated", _("Terminated")
    EXPIRED = "expired", _("Expired")


class MandateScope(models.TextChoices):
    ALL = "all", _("All the provider's AI systems and GPAI models")
    LISTED = "listed", _("The listed AI systems and GPAI models")


class MandateSubmitter(models.TextChoices):
    """Who files the covered registrations (Art 22(3)(e): the representative may register)."""

    PROVIDER = "provider", _("The provider")
    REPRESENTATIVE = "representative", _("The representative")
    EITHER = "either", _("Either of them")


class MandateTask(models.TextChoices):
    """The tasks a written mandate empowers the representative to carry out, with their citation."""

    ART22_3_A = (
        "art22_3_a",
        _(
            "Verify the EU declaration of conformity, the technical documentation and the conformity "
            "assessment (Art 22(3)(a))"
        ),
    )
    ART22_3_B = (
        "art22_3_b",
        _(
            "Keep the provider's contact details, the declaration, the technical documentation and "
            "any certificate at the authorities' disposal for 10 years (Art 22(3)(b))"
        ),
    )
    ART22_3_C = (
        "art22_3_c",
        _(
            "Give a competent authority, on a reasoned request, the information and documentation "
            "that show conformity (Art 22(3)(c))"
        ),
    )
    ART22_3_D = (
        "art22_3_d",
        _(
            "Cooperate with competent authorities in any action they take on the system (Art 22(3)(d))"
        ),
    )
    ART22_3_E = (
        "art22_3_e",
        _(
            "Comply with the registration obligations of Art 49(1), or check the information of "
            "Annex VIII Section A point 3 (Art 22(3)(e))"
        ),
    )
    ART54_3_A = (
        "art54_3_a",
        _(
            "Verify the Annex XI technical documentation and the provider's compliance with Art 53 "
            "and Art 55 (Art 54(3)(a))"
        ),
    )
    ART54_3_B = (
        "art54_3_b",
        _(
            "Keep the Annex XI documentation and the provider's contact details at the AI Office's "
            "disposal for 10 years (Art 54(3)(b))"
        ),
    )
    ART54_3_C = (
        "art54_3_c",
        _(
            "Give the AI Office, on a reasoned request, the information and documentation that show "
            "compliance (Art 54(3)(c))"
        ),
    )
    ART54_3_D = (
        "art54_3_d",
        _(
            "Cooperate with the AI Office and competent authorities in any action they take on the "
            "model (Art 54(3)(d))"
        ),
    )


class Mandate(models.Model):
    provider = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="mandates_given"
    )
    # Art 3(5): a natural or legal person located or established in the Union.
    representative = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, related_name="mandates_held"
    )
    scope = models.CharField(max_length=8, choices=MandateScope.choices)
    # With scope "listed": the uids of the provider's AI systems and GPAI models (workspace rows;
    # uids are unique across schemas, ids are not).
    systems = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    gpai_models = ArrayField(models.CharField(max_length=64), default=list, blank=True)
    tasks = ArrayField(models.CharField(max_length=16, choices=MandateTask.choices))
    submitter = models.CharField(max_length=16, choices=MandateSubmitter.choices)
    # EUDAMED's pattern: the provider prepares, the representative confirms before filing.
    verification_required = models.BooleanField(default=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    # The written mandate (Art 22(1), Art 54(1)): stored content-addressed with the evidence.
    document = models.ForeignKey(
        "register.EvidenceBlob", on_delete=models.PROTECT, related_name="mandates"
    )
    document_name = models.CharField(max_length=255)
    status = models.CharField(
        max_length=12, choices=MandateStatus.choices, default=MandateStatus.OFFERED
    )
    reason = models.TextField(blank=True)  # why it was declined or terminated
    ended_by = models.CharField(max_length=16, blank=True)  # provider | representative
    offered_by_label = models.CharField(max_length=254)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="mandate_between_two_organisations",
                condition=~models.Q(provider=models.F("representative")),
            ),
            models.CheckConstraint(
                name="mandate_ends_after_start",
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
            ),
        ]
        indexes = [
            models.Index(fields=["provider", "status"], name="mandate_provider_idx"),
            models.Index(fields=["representative", "status"], name="mandate_representative_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} → {self.representative} ({self.status})"

    @property
    def task_labels(self) -> list[str]:
        """The tasks as a person reads them (with their article), not their codes."""
        return [str(MandateTask(task).label) for task in self.tasks if task in MandateTask.values]

    def covers(self, *, system_uid: str | None = None, model_uid: str | None = None) -> bool:
        if self.scope == MandateScope.ALL:
            return True
        if system_uid is not None:
            return system_uid in self.systems
        return model_uid is not None and model_uid in self.gpai_models


class MandateEventKind(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    TERMINATED = "terminated", _("Terminated")
    EXPIRED = "expired", _("Expired")
    VERIFIED = "verified", _("Filing verified")
    AUTHORITY_INFORMED = "authority_informed", _("Authority informed")


class MandateEvent(models.Model):
    """One step of a mandate's history, as both sides and the authorities read it."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=MandateEventKind.choices)
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=254)
    reason = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mandate", "at", "id"]

    def __str__(self) -> str:
        return f"{self.mandate_id} {self.kind}"


class FilingVerification(models.Model):
    """The representative's confirmation of what the provider is about to file (Art 22(3)(a) and
    (e), Art 54(3)(a)): the body of the filing as prepared, hashed. Submitting needs a confirmed
    verification whose hash is the body being filed, so a change after it needs a new one."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REFUSED = "refused", _("Refused")

    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="verifications")
    draft_uid = models.UUIDField()  # the provider's draft (in its workspace) this body is of
    kind = models.CharField(max_length=32)
    subject_type = models.CharField(max_length=16)
    subject_id = models.CharField(max_length=64)
    subject_name = models.CharField(max_length=401)
    body = models.JSONField()
    sha256 = models.CharField(max_length=64)
    state = models.CharField(max_length=12, choices=State.choices, default=State.REQUESTED)
    requested_by_label = models.CharField(max_length=254)
    decided_by_label = models.CharField(max_length=254, blank=True)
    reason = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [
            models.Index(fields=["mandate", "state"], name="verification_mandate_idx"),
            models.Index(fields=["kind", "subject_id", "sha256"], name="verification_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name} ({self.state})"
