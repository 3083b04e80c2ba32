from __future__ import annotations

from django.db import models


class EvidenceBlob(models.Model):
    """A file cited by a filing, copied out of the workspace and stored by its SHA-256.

    Content addressing makes the copy idempotent and deduplicated, and lets anyone check that
    the bytes are the ones the filing's snapshot names.
    """

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    content_type = models.CharField(max_length=100)
    storage_path = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256


class FilingEvidence(models.Model):
    version = models.ForeignKey(
        "register.FilingVersion", on_delete=models.PROTECT, related_name="evidence"
    )
    blob = models.ForeignKey(EvidenceBlob, on_delete=models.PROTECT, related_name="citations")
    name = models.CharField(max_length=255)

    class Meta:
        ordering = ["version", "name"]
        constraints = [
            models.UniqueConstraint(fields=["version", "blob", "name"], name="evidence_once")
        ]

    def __str__(self) -> str:
        return self.name
