"""Webhook endpoints (administrators) and delivering events to them.

Delivery is at least once: a receiver may see a delivery twice (a worker that died after
sending, before recording) and should deduplicate on the Portal-Delivery header."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise
from portal.errors import ValidationFailed
from portal.tenancy.models import Organisation
from registry.webhooks import signing, transport
from registry.webhooks.models import (
    TEST_EVENT,
    DeliveryState,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from registry.webhooks.targets import resolve_target, webhook_url_problem

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
TIMEOUT_SECONDS = 10  # default of settings.WEBHOOKS_TIMEOUT_SECONDS
BACKOFF_BASE_SECONDS = 10  # 10 s, 20 s, 40 s, 80 s, 160 s between the six attempts
_SNAPSHOT = ["url", "description", "events", "active"]


def _timeout() -> float:
    return float(getattr(settings, "WEBHOOKS_TIMEOUT_SECONDS", TIMEOUT_SECONDS))


def backoff_seconds(attempts: int) -> int:
    return BACKOFF_BASE_SECONDS * 2 ** max(0, attempts - 1)


def _validate(url: str | None, events: list[str] | None) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    if url is not None:
        problem = webhook_url_problem(url.strip())
        if problem:
            errors["url"] = [problem]
        clean["url"] = url.strip()
    if events is not None:
        unknown = [e for e in events if e not in WebhookEvent.values]
        if unknown or not events:
            errors["events"] = [f"Choose from {', '.join(WebhookEvent.values)}."]
        clean["events"] = sorted(set(events))
    if errors:
        raise ValidationFailed("The webhook could not be saved.", field_errors=errors)
    return clean


def _label(actor: Any) -> str:
    return getattr(actor, "audit_actor_label", None) or getattr(actor, "email", "") or str(actor)


def webhook_endpoint_create(
    *,
    actor: Any,
    organisation: Organisation,
    url: str,
    events: list[str],
    description: str = "",
    active: bool = True,
) -> tuple[WebhookEndpoint, str]:
    """Register an endpoint; returns it and its signing secret, which is shown this once."""
    authorise(actor, "webhook.manage", organisation)
    clean = _validate(url, events)
    secret = signing.secret_new()
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.create(
            organisation=organisation,
            secret=secret,
            description=description.strip()[:200],
            active=active,
            created_by_label=_label(actor)[:254],
            **clean,
        )
        audit_record(
            actor=actor,
            action="webhook.created",
            obj=endpoint,
            after=model_snapshot(endpoint, fields=_SNAPSHOT),
            organisation_id=organisation.pk,
        )
    return endpoint, secret


def webhook_endpoint_update(
    *,
    actor: Any,
    endpoint: WebhookEndpoint,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
    active: bool | None = None,
) -> WebhookEndpoint:
    authorise(actor, "webhook.manage", endpoint.organisation)
    clean = _validate(url, events)
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        before = model_snapshot(locked, fields=_SNAPSHOT)
        for name, value in clean.items():
            setattr(locked, name, value)
        if description is not None:
            locked.description = description.strip()[:200]
        if active is not None:
            locked.active = active
        locked.save()
        after = model_snapshot(locked, fields=_SNAPSHOT)
        if after != before:
            audit_record(
                actor=actor,
                action="webhook.updated",
                obj=locked,
                before=before,
                after=after,
                organisation_id=locked.organisation_id,
            )
    return locked


def webhook_endpoint_delete(*, actor: Any, endpoint: WebhookEndpoint) -> None:
    authorise(actor, "webhook.manage", endpoint.organisation)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="webhook.deleted",
            obj=endpoint,
            before=model_snapshot(endpoint, fields=_SNAPSHOT),
            organisation_id=endpoint.organisation_id,
        )
        endpoint.delete()


def _envelope(event: str, event_id: uuid.UUID, data: dict[str, Any]) -> dict[str, Any]:
    payload = {
        "id": str(event_id),
        "type": event,
        "created_at": timezone.now().isoformat(),
        "data": data,
    }
    # Stored as JSON and sent as JSON: make dates, UUIDs and decimals plain now.
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def _enqueue_on_commit(delivery_ids: list[int]) -> None:
    def send() -> None:
        from registry.webhooks.tasks import enqueue_delivery

        for delivery_id in delivery_ids:
            enqueue_delivery(delivery_id)

    transaction.on_commit(send, robust=True)


def webhook_event_dispatch(
    *, organisation_id: int, event: str, data: dict[str, Any]
) -> list[WebhookDelivery]:
    """One delivery per active endpoint of the organisation subscribed to `event`."""
    event_id = uuid.uuid4()
    payload = _envelope(event, event_id, data)
    with transaction.atomic():
        endpoints = WebhookEndpoint.objects.filter(
            organisation_id=organisation_id, active=True, events__contains=[event]
        )
        deliveries = WebhookDelivery.objects.bulk_create(
            WebhookDelivery(endpoint=endpoint, event=event, event_id=event_id, payload=payload)
            for endpoint in endpoints
        )
        _enqueue_on_commit([d.pk for d in deliveries])
    return deliveries


def webhook_test_send(*, actor: Any, endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A `webhook.test` delivery to one endpoint (active or not), to check the receiver."""
    authorise(actor, "webhook.manage", endpoint.organisation)
    event_id = uuid.uuid4()
    data = {"endpoint": endpoint.pk, "message": "A test delivery from the AI Act portal."}
    with transaction.atomic():
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint,
            event=TEST_EVENT,
            event_id=event_id,
            payload=_envelope(TEST_EVENT, event_id, data),
        )
        _enqueue_on_commit([delivery.pk])
    return delivery


def webhook_delivery_attempt(*, delivery_id: int) -> str:
    """Send one delivery once. Returns "delivered", "retry", "failed" or "skipped" (not
    pending any more, or gone)."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.state != DeliveryState.PENDING:
        return "skipped"
    endpoint = delivery.endpoint
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    # Resolved once, checked, and connected to that very address (DNS rebinding, issue 14).
    target = resolve_target(endpoint.url)
    problem = target if isinstance(target, str) else None
    if isinstance(target, str):
        status, error = None, f"Refused: {target}"
    else:
        outcome = transport.post(
            target,
            body,
            {
                "Content-Type": "application/json",
                "User-Agent": "ai-act-portal-webhooks/1",
                "Portal-Event": delivery.event,
                "Portal-Delivery": str(delivery.pk),
                "Portal-Event-Id": str(delivery.event_id),
                # Standard Webhooks: webhook-id is the event's id, the same on every retry.
                **signing.delivery_headers(endpoint.secret, str(delivery.event_id), body),
            },
            timeout=_timeout(),
        )
        status, error = outcome.status, outcome.error
    now = timezone.now()
    attempts = delivery.attempts + 1
    ok = status is not None and 200 <= status < 300
    final = ok or problem is not None or attempts >= MAX_ATTEMPTS
    state = (
        DeliveryState.DELIVERED if ok else DeliveryState.FAILED if final else DeliveryState.PENDING
    )
    WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING).update(
        attempts=attempts,
        response_status=status,
        error="" if ok else (error or f"HTTP {status}"),
        state=state,
        last_attempt_at=now,
        delivered_at=now if ok else None,
        next_attempt_at=None if final else now + timedelta(seconds=backoff_seconds(attempts)),
    )
    if ok:
        return "delivered"
    logger.info("webhook delivery %s attempt %s failed: %s", delivery.pk, attempts, error)
    return "failed" if final else "retry"


def webhook_deliveries_stalled(*, older_than: timedelta = timedelta(minutes=5)) -> list[int]:
    """Pending deliveries whose next attempt is long overdue (a lost message): to enqueue again."""
    cutoff = timezone.now() - older_than
    due = Q(next_attempt_at__lte=cutoff) | Q(next_attempt_at__isnull=True, created_at__lte=cutoff)
    pending = WebhookDelivery.objects.filter(due, state=DeliveryState.PENDING)
    return list(pending.values_list("pk", flat=True)[:500])
