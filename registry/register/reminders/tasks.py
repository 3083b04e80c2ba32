"""The daily beat job. An adapter: the idempotency lives in the service's unique rows."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="registry.reminders.send_daily", acks_late=True)
def send_daily() -> dict[str, int]:
    from registry.register.reminders.services import reminders_send_daily

    result = reminders_send_daily()
    return {
        "organisations": result.organisations,
        "created": result.created,
        "mailed": result.mailed,
        "authority_created": result.authority_created,
        "authority_mailed": result.authority_mailed,
    }
