"""Requests of rights holders to a GPAI provider (Art 53(1)(c); Code of Practice, Copyright
chapter, Measure 1.5: a point of contact and a complaint mechanism).

Written by the public on the public host, addressed to one provider organisation, so they live in
the public schema; the provider reads and answers them from its workspace through the register's
selectors. Who asks (name, e-mail, whom they act for) is personal data kept for the
correspondence only: never shown to the AI Office or the public, which see counts."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class RightsRequestKind(models.TextChoices):
    # Measure 1.5: complaints about non-compliance with the copyright commitments.
    COMPLAINT = "complaint", _("Complaint about the use of works")
    # Art 4(3) Directive (EU) 2019/790, Measure 1.3: a reservation of rights (opt-out).
    RESERVATION = "reservation", _("Reservation of rights (opt-out)")
    OTHER = "other", _("Other request")


class RightsRequestStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")  # the e-mail address is not confirmed yet
    RECEIVED = "received", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    ANSWERED = "answered", _("Answered")
    REJECTED = "rejected", _("Rejected")


# What the provider still has to act on; a request past its due date in these is overdue.
OPEN_RIGHTS_STATUSES = (RightsRequestStatus.RECEIVED, RightsRequestStatus.UNDER_REVIEW)


class ActingFor(models.TextChoices):
    THEMSELVES = "self", _("Myself, as the rights holder")
    REPRESENTATIVE = "representative", _("A rights holder I represent")


class RightsRequest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.CASCADE, related_name="rights_requests"
    )
    # The model concerned: a publicly listed GPAI model of the provider, or empty for all its
    # models. The name is kept as asked, so the request reads the same whatever the entry becomes.
    model_filing = models.ForeignKey(
        "register.Filing", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    model_name = models.CharField(max_length=401, blank=True)
    kind = models.CharField(max_length=16, choices=RightsRequestKind.choices)
    reference = models.CharField(max_length=16, unique=True)
    status = models.CharField(
        max_length=16, choices=RightsRequestStatus.choices, default=RightsRequestStatus.UNCONFIRMED
    )
    # Personal data (GDPR Art 5(1)(c)): only what the correspondence needs.
    requester_name = models.CharField(max_length=200)
    requester_email = models.EmailField(max_length=254)
    acting_for = models.CharField(max_length=16, choices=ActingFor.choices)
    rights_holder = models.CharField(max_length=200, blank=True)  # when acting as representative
    works = models.TextField()
    work_urls = models.TextField(blank=True)  # one address a line
    request_text = models.TextField()
    answer = models.TextField(blank=True)
    rejection_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    review_started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # answered or rejected
    language = models.CharField(max_length=8, blank=True)  # the requester's, for the e-mails

    class Meta:
        ordering = ["-confirmed_at", "-id"]
        indexes = [
            # The provider's inbox: its confirmed requests, newest first (keyset pages).
            models.Index(
                fields=["organisation", "confirmed_at", "id"], name="rights_request_inbox_idx"
            ),
            models.Index(fields=["status", "created_at"], name="rights_request_status_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RIGHTS_STATUSES


class RightsRequestEventKind(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed by the requester; received by the provider")
    REVIEW_STARTED = "review_started", _("Review started")
    ANSWERED = "answered", _("Answered")
    REJECTED = "rejected", _("Rejected")


class RightsRequestEvent(models.Model):
    """One step of a request's history, appended in the step's transaction, never edited."""

    request = models.ForeignKey(RightsRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=RightsRequestEventKind.choices)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=254, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind}"
