from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PdfJobState(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class RenderJob(models.Model):
    """A PDF the worker renders and the job that renders it (registry.register.services.pdf_jobs)."""

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
        abstract = True


class PdfJob(RenderJob):
    """The PDF of one filing version and the job that renders it: one per version, ever. This is
    the complete filing: for the organisation and the authorities, never for the public."""

    version = models.OneToOneField(
        "register.FilingVersion", on_delete=models.PROTECT, related_name="pdf_job"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="ready_pdf_has_hash",
                condition=~models.Q(state="ready") | ~models.Q(pdf_sha256=""),
            )
        ]

    def __str__(self) -> str:
        return f"PDF of {self.version_id}: {self.state}"


class PublicRendition(RenderJob):
    """The public copy of a registered version (Art 71(4)-(5)): its public part as canonical JSON
    (`registry.register.public_part`), hashed, and the PDF/A-3b rendered from it with that JSON
    embedded. One per version, ever, made when a regulator registers the version; the public is
    served this and never the complete filing (docs/decisions/0008-public-rendition.md)."""

    version = models.OneToOneField(
        "register.FilingVersion", on_delete=models.PROTECT, related_name="public_rendition"
    )
    # The public part exactly as hashed and embedded; fixed when the rendition is made.
    canonical = models.TextField()
    sha256 = models.CharField(max_length=64, unique=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="ready_public_pdf_has_hash",
                condition=~models.Q(state="ready") | ~models.Q(pdf_sha256=""),
            )
        ]
        indexes = [models.Index(fields=["pdf_sha256"], name="public_pdf_sha256_idx")]

    def __str__(self) -> str:
        return f"Public PDF of {self.version_id}: {self.state}"
