from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewDecisionKind(models.TextChoices):
    START_REVIEW = "start_review", _("Review started")
    REQUEST_CHANGES = "request_changes", _("Changes requested")
    REGISTER = "register", _("Registered")
    REJECT = "reject", _("Rejected")
    WITHDRAW = "withdraw", _("Withdrawn by the organisation")


class ReviewDecision(models.Model):
    """What happened to a version, by whom, with which reason. Append-only, like the audit trail."""

    version = models.ForeignKey(
        "register.FilingVersion", on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(max_length=20, choices=ReviewDecisionKind.choices)
    reason = models.TextField(blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=254)
    authority = models.ForeignKey(
        "accounts.Authority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.version_id}"


class ReviewComment(models.Model):
    """A reviewer's remark bound to one field (or Annex VIII item) of one version."""

    version = models.ForeignKey(
        "register.FilingVersion", on_delete=models.PROTECT, related_name="comments"
    )
    field = models.CharField(max_length=100, help_text=_("Annex VIII item code or field name."))
    body = models.TextField()
    author_id = models.BigIntegerField(null=True)
    author_label = models.CharField(max_length=254)
    authority = models.ForeignKey(
        "accounts.Authority", on_delete=models.PROTECT, related_name="comments"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The review loop (registry.register.services.comments): the organisation says how it dealt
    # with the comment, a reviewer of the commenting authority confirms or reopens it.
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by_label = models.CharField(max_length=254, blank=True)
    resolution = models.TextField(blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by_label = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.body[:40]}"

    @property
    def state(self) -> str:
        """ "open", "resolved" (by the organisation, awaiting the reviewer) or "confirmed"."""
        if self.confirmed_at is not None:
            return "confirmed"
        return "resolved" if self.resolved_at is not None else "open"
