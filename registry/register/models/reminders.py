from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    # Art 49(1)-(3): register before placing on the market / putting into service.
    REGISTRATION_DUE = "registration_due", _("Registration due before placing on the market")
    # Art 44(2), Annex VIII A8: a notified-body certificate runs out.
    CERTIFICATE_EXPIRY = "certificate_expiry", _("Certificate expires")
    # Art 9(2): the risk-management system is reviewed and updated regularly.
    RISK_REVIEW = "risk_review", _("Risk record due for review")
    # Art 17(1): the quality-management system is kept up to date.
    QMS_REVIEW = "qms_review", _("QMS record due for review")
    CHANGES_REQUESTED = "changes_requested", _("A regulator requested changes to a filing")
    # Art 73(5)-(6), CoP Measure 9.3: the next report on a serious incident.
    INCIDENT_DUE_SOON = "incident_due_soon", _("The next serious-incident report is due soon")
    INCIDENT_OVERDUE = "incident_overdue", _("A serious-incident report is overdue")
    INCIDENT_INFORMATION = (
        "incident_information",
        _("An authority requested information on a serious incident"),
    )


class Reminder(models.Model):
    """One reminder of one item falling due on one date, sent once.

    The unique constraint is what makes the daily job idempotent: a second run (or a second beat
    on another host) inserts nothing new and so sends nothing twice. `sent_at` stays empty until
    the e-mail went out, so a mail server that was down is retried the next day.
    """

    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=32, choices=ReminderKind.choices)
    # What it is about: "system:<uid>", "risk:<uid>", "qms:<uid>", "filing:<uuid>".
    object_ref = models.CharField(max_length=100)
    due_on = models.DateField()
    title = models.CharField(max_length=300)
    link_path = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "object_ref", "due_on"],
                name="one_reminder_per_item_and_due_date",
            )
        ]
        indexes = [models.Index(fields=["organisation", "due_on"], name="reminder_org_due_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_ref} due {self.due_on}"


class AuthorityReminder(models.Model):
    """One reminder to a supervisory authority of one item on one date, sent once (the same
    idempotency as `Reminder`: a row unique on its item and due date)."""

    class Kind(models.TextChoices):
        # Art 73(8): measures within seven days of receiving the report; receipt comes first.
        INCIDENT_UNACKNOWLEDGED = (
            "incident_unacknowledged",
            _("A serious-incident report awaits acknowledgement"),
        )

    authority = models.ForeignKey(
        "accounts.Authority", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    object_ref = models.CharField(max_length=100)  # "incident:<uuid>"
    due_on = models.DateField()
    title = models.CharField(max_length=300)
    link_path = models.CharField(max_length=200, blank=True)
    # Art 74(8): a restricted report's reminder goes to staff with restricted access only.
    restricted = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "kind", "object_ref", "due_on"],
                name="one_authority_reminder_per_item_and_due_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_ref} due {self.due_on}"
