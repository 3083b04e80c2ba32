"""Webhook endpoints and their delivery log, in the public schema beside the register."""

from __future__ import annotations

import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    """The filing, mandate and incident events an endpoint may subscribe to."""

    FILING_SUBMITTED = "filing.submitted", _("A version was filed")
    FILING_PDF_READY = "filing.pdf_ready", _("The PDF of a version is ready")
    FILING_CHANGES_REQUESTED = "filing.changes_requested", _("A reviewer requested changes")
    FILING_REGISTERED = "filing.registered", _("A version was registered")
    FILING_REJECTED = "filing.rejected", _("A version was rejected")
    # Art 22, Art 54: sent to both the provider and the representative.
    MANDATE_OFFERED = "mandate.offered", _("A representative mandate was offered")
    MANDATE_ACCEPTED = "mandate.accepted", _("A representative mandate was accepted")
    MANDATE_DECLINED = "mandate.declined", _("A representative mandate was declined")
    MANDATE_TERMINATED = "mandate.terminated", _("A representative mandate was terminated")

    # Serious-incident reports (Art 73, Art 55(1)(c)): sent by the provider, acted on by the
    # authority; the organisation hears each step.
    INCIDENT_SUBMITTED = "incident.submitted", _("An incident report version was sent")
    INCIDENT_PDF_READY = "incident.pdf_ready", _("The PDF of an incident report version is ready")
    INCIDENT_ACKNOWLEDGED = "incident.acknowledged", _("The authority acknowledged a report")
    INCIDENT_INFORMATION_REQUESTED = (
        "incident.information_requested",
        _("The authority requested information about an incident"),
    )
    INCIDENT_MEASURE_RECORDED = (
        "incident.measure_recorded",
        _("The authority recorded a measure about an incident"),
    )
    INCIDENT_CLOSED = "incident.closed", _("The authority closed an incident report")


TEST_EVENT = "webhook.test"


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookEndpoint(models.Model):
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    # Kept in clear: signing needs it. Shown once at creation; replace the endpoint to rotate.
    secret = models.CharField(max_length=80)
    events = ArrayField(models.CharField(max_length=40, choices=WebhookEvent.choices))
    active = models.BooleanField(default=True)
    created_by_label = models.CharField(max_length=254, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint, with every attempt's outcome (the last one kept in full)."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40)
    event_id = models.UUIDField(default=uuid.uuid4, db_index=True)
    payload = models.JSONField()
    state = models.CharField(
        max_length=16, choices=DeliveryState.choices, default=DeliveryState.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.state})"
