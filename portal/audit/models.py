"""The audit trail: append-only, in the schema whose data it describes.

Rows are written by `portal.audit.services.audit_record` inside the service's own transaction, so
an audited change and its audit event commit or roll back together. Nothing updates or deletes a
row: the queryset and the model refuse it, and a database trigger refuses it for raw SQL too.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditImmutable(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditImmutable("Audit events are append-only; they cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditImmutable("Audit events are append-only; they cannot be deleted.")

    def _raw_delete(self, using: Any) -> int:
        raise AuditImmutable("Audit events are append-only; they cannot be deleted.")


class ActorKind(models.TextChoices):
    USER = "user", _("User")
    API_KEY = "api_key", _("API key")
    SYSTEM = "system", _("System")


class AuditEvent(models.Model):
    occurred_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The actor is copied, not referenced: the trail must outlive the account it names.
    actor_kind = models.CharField(max_length=16, choices=ActorKind.choices)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutable("Audit events are append-only; they cannot be updated.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditImmutable("Audit events are append-only; they cannot be deleted.")
