"""Filing drafts: what an organisation is preparing to file about one subject.

A draft names the kind of filing and its subject; its content is always the subject's current
data, so the checklist the organisation sees is the one submit enforces. Submitting copies a
snapshot into the register (public schema); the draft stays, linked to the register's filing, and
the next submit of the same draft files the next version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.register.models.filings import FilingKind
from registry.workspace.models.base import WorkspaceModel


class FilingDraft(WorkspaceModel):
    kind = models.CharField(_("kind of filing"), max_length=32, choices=FilingKind.choices)
    system = models.ForeignKey(
        "workspace.AISystem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filing_drafts",
    )
    gpai_model_version = models.ForeignKey(
        "workspace.GPAIModelVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filing_drafts",
    )
    # Art 49(3), Annex VIII C3: a public-authority deployer selects the provider's registration
    # from the register instead of retyping it.
    provider_filing = models.ForeignKey(
        "register.Filing", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extra_evidence = models.ManyToManyField("workspace.Evidence", blank=True, related_name="+")
    notes = models.TextField(_("notes for the reviewer"), blank=True)
    register_filing_id = models.UUIDField(null=True, blank=True, db_index=True)
    last_submitted_version = models.PositiveIntegerField(null=True, blank=True)
    last_submitted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["updated_at", "id"], name="draft_updated_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "system"],
                name="one_draft_per_system_kind",
                condition=models.Q(system__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["kind", "gpai_model_version"],
                name="one_draft_per_model_version_kind",
                condition=models.Q(gpai_model_version__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        subject = self.system or self.gpai_model_version or _("organisation")
        return f"{self.get_kind_display()}: {subject}"

    @property
    def section(self) -> str | None:
        return FilingKind(self.kind).section
