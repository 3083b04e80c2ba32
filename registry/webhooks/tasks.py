"""Celery tasks of webhook deliveries. Adapters: they take a delivery id and call the service."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="registry.webhooks.deliver", bind=True, max_retries=None, acks_late=True)
def deliver(self, delivery_id: int) -> str:  # type: ignore[no-untyped-def]
    from registry.webhooks.services import backoff_seconds, webhook_delivery_attempt

    outcome = webhook_delivery_attempt(delivery_id=delivery_id)
    if outcome == "retry":
        # Exponential backoff; the service counts attempts and gives up after MAX_ATTEMPTS.
        raise self.retry(countdown=backoff_seconds(self.request.retries + 1))
    return outcome


@shared_task(name="registry.webhooks.requeue_stalled")
def requeue_stalled() -> list[int]:
    from registry.webhooks.services import webhook_deliveries_stalled

    stalled = webhook_deliveries_stalled()
    for delivery_id in stalled:
        enqueue_delivery(delivery_id)
    return stalled


def enqueue_delivery(delivery_id: int) -> bool:
    """Send to the broker; if Redis is down the delivery stays pending and the sweeper sends it."""
    try:
        deliver.apply_async(args=[delivery_id], retry=True, retry_policy={"max_retries": 2})
        return True
    except Exception:  # noqa: BLE001 - broker down: requeue_stalled picks it up
        logger.warning("could not enqueue webhook delivery %s", delivery_id, exc_info=True)
        return False
