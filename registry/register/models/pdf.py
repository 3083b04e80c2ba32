from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PdfJobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class PdfJob(models.Model):
    """The PDF of one filing version and the job that renders it: one per version, ever."""

    version = models.OneToOneField(
        "register.FilingVersion", on_delete=models.PROTECT, related_name="pdf_job"
    )
    state = models.CharField(
        max_length=16, choices=PdfJobState.choices, default=PdfJobState.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_size = models.BigIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    storage_path = models.CharField(max_length=200, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="ready_pdf_has_hash",
                condition=~models.Q(state="ready") | ~models.Q(pdf_sha256=""),
            )
        ]

    def __str__(self) -> str:
        return f"PDF of {self.version_id}: {self.state}"
