"""Code of Practice signatures: one current row per chapter, and an append-only history.

Never a single boolean: signing is per chapter (ai-act.md 8.3; xAI signed Safety and Security
only), and the status changes over time, so every change is kept with before and after.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.workspace import choices
from registry.workspace.models.base import WorkspaceModel


class CodeOfPracticeSignature(WorkspaceModel):
    chapter = models.CharField(max_length=16, choices=choices.CoPChapter.choices, unique=True)
    status = models.CharField(
        max_length=16, choices=choices.CoPStatus.choices, default=choices.CoPStatus.NOT_SIGNED
    )
    status_date = models.DateField(_("date of the status"), null=True, blank=True)
    signatory_name = models.CharField(max_length=200, blank=True)
    # The Signatory Form is signed by someone able to bind the provider (ai-act.md 8.3).
    signatory_authority = models.CharField(
        _("signatory's position and authority to bind"), max_length=200, blank=True
    )
    public_statement_url = models.URLField(blank=True)
    # Non-systemic providers signing Safety and Security name the models it covers (8.3).
    models_covered = models.ManyToManyField(
        "workspace.GPAIModel", related_name="cop_signatures", blank=True
    )
    notes = models.TextField(blank=True)
    # Art 53(4), 55(2): a provider that does not rely on a chapter (declined, withdrew or never
    # signed it) shows compliance with the chapter's obligations by other adequate means; what it
    # does, and the evidence, are recorded per chapter. The public signatory register shows the
    # text for that chapter.
    alternative_means = models.TextField(_("alternative adequate means"), blank=True)
    alternative_evidence = models.ManyToManyField(
        "workspace.Evidence", related_name="cop_alternative_means", blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["chapter"]
        verbose_name = _("Code of Practice signature")

    def __str__(self) -> str:
        return f"{self.get_chapter_display()}: {self.get_status_display()}"


class HistoryImmutable(Exception):
    pass


class _AppendOnlyQuerySet(models.QuerySet["CodeOfPracticeSignatureChange"]):
    def update(self, **kwargs: Any) -> int:
        raise HistoryImmutable("Signature history is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise HistoryImmutable("Signature history is append-only.")


class CodeOfPracticeSignatureChange(models.Model):
    signature = models.ForeignKey(
        CodeOfPracticeSignature, on_delete=models.PROTECT, related_name="history"
    )
    chapter = models.CharField(max_length=16, choices=choices.CoPChapter.choices)
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField()

    objects = _AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.chapter} changed {self.changed_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise HistoryImmutable("Signature history is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise HistoryImmutable("Signature history is append-only.")
