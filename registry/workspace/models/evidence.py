"""Evidence: uploaded documents, content-addressed per organisation, linked to what they prove."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.workspace.models.base import WorkspaceModel


class Evidence(WorkspaceModel):
    # Not a column: set by evidence_upload on the row it returns when the same bytes were stored
    # before (the upload then only adds links; the stored title and description stay).
    stored_before: bool = False

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    original_filename = models.CharField(_("file name as uploaded"), max_length=255)
    # evidence/<schema_name>/<sha256[:2]>/<sha256> under MEDIA_ROOT; written by
    # services.evidence.evidence_upload only, after the content checks passed.
    file = models.FileField(max_length=300)
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    # Sniffed from the bytes; what the client claimed is never stored.
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Evidence of the organisation as a whole (a QMS manual, a policy): any of its filings may
    # cite it. Anything else is cited only by filings about a subject it is linked to.
    shared = models.BooleanField(
        _("shared by the organisation"),
        default=False,
        help_text=_("Any filing of the organisation may cite it, whatever it is about."),
    )

    systems = models.ManyToManyField("workspace.AISystem", related_name="evidence", blank=True)
    gpai_models = models.ManyToManyField("workspace.GPAIModel", related_name="evidence", blank=True)
    risk_records = models.ManyToManyField(
        "workspace.RiskRecord", related_name="evidence", blank=True
    )
    qms_records = models.ManyToManyField("workspace.QMSRecord", related_name="evidence", blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [
            models.Index(fields=["uploaded_at", "id"], name="evidence_uploaded_idx"),
            models.Index(fields=["title", "id"], name="evidence_title_idx"),
        ]
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"{self.title} ({self.original_filename})"
