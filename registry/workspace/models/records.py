"""Risk-management (Art 9) and quality-management (Art 17) records."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.workspace import choices
from registry.workspace.models.base import WorkspaceModel


class RiskRecord(WorkspaceModel):
    system = models.ForeignKey(
        "workspace.AISystem", on_delete=models.CASCADE, related_name="risk_records"
    )
    hazard = models.TextField(_("hazard"))
    use_context = models.CharField(
        max_length=20, choices=choices.RiskUse.choices, default=choices.RiskUse.INTENDED_USE
    )
    affected_persons = models.TextField(_("affected persons or groups"), blank=True)
    # Art 9(9): impact on persons under 18 and other vulnerable groups.
    affects_vulnerable_groups = models.BooleanField(default=False)
    fundamental_rights = ArrayField(
        models.CharField(max_length=32, choices=choices.FundamentalRight.choices),
        default=list,
        blank=True,
    )
    likelihood = models.CharField(max_length=16, choices=choices.Likelihood.choices)
    severity = models.CharField(max_length=16, choices=choices.Severity.choices)
    mitigation = models.TextField(_("mitigation measures"), blank=True)
    mitigation_type = models.CharField(
        max_length=16, choices=choices.MitigationType.choices, blank=True
    )
    residual_risk = models.CharField(max_length=8, choices=choices.ResidualRisk.choices, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=choices.RiskStatus.choices, default=choices.RiskStatus.OPEN
    )
    next_review_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["system_id", "-id"]
        # The sorts of the risk register page (keyset pagination seeks in them).
        indexes = [models.Index(fields=["updated_at", "id"], name="risk_updated_idx")]

    def __str__(self) -> str:
        return f"Risk #{self.pk}: {self.hazard[:60]}"


class QMSRecord(WorkspaceModel):
    aspect = models.CharField(max_length=1, choices=choices.QMSAspect.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    document_version = models.CharField(_("document version"), max_length=50)
    status = models.CharField(
        max_length=16,
        choices=choices.QMSRecordStatus.choices,
        default=choices.QMSRecordStatus.DRAFT,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    # Annex VII 3.1: "the list of AI systems covered by the same quality management system".
    systems = models.ManyToManyField("workspace.AISystem", related_name="qms_records", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["aspect", "title", "id"]
        indexes = [
            models.Index(fields=["aspect", "title", "id"], name="qms_aspect_idx"),
            models.Index(fields=["updated_at", "id"], name="qms_updated_idx"),
        ]
        verbose_name = _("QMS record")

    def __str__(self) -> str:
        return f"({self.aspect}) {self.title} v{self.document_version}"
