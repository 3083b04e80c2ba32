"""Reads of webhooks: an organisation's endpoints and their delivery log."""

from __future__ import annotations

from django.db.models import QuerySet

from portal.tenancy.models import Organisation
from registry.webhooks.models import WebhookDelivery, WebhookEndpoint


def webhook_endpoints(*, organisation: Organisation) -> QuerySet[WebhookEndpoint]:
    return WebhookEndpoint.objects.filter(organisation=organisation)


def webhook_deliveries(*, endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    return WebhookDelivery.objects.filter(endpoint=endpoint)
