"""The API's one table, in the public schema (portal.api is a SHARED app only)."""

from __future__ import annotations

from django.db import models


class IdempotencyRecord(models.Model):
    """A POST's Idempotency-Key and, once answered, the answer. `response_status` is null while
    the first request is still running (a concurrent duplicate gets 409 in progress)."""

    owner = models.CharField(max_length=120)  # "<schema>:<actor kind>:<actor id>"
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)  # sha256 of method, path and raw body
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.BinaryField(default=bytes)
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="one_idempotency_record_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.owner} {self.key}"
