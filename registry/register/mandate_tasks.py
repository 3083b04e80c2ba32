"""The daily beat job that marks mandates past their end date expired. An adapter: the status
guard lives in the service (an expired mandate is not expired again)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="registry.mandates.expire_due", acks_late=True)
def expire_due() -> int:
    from registry.register.services.mandates import mandates_expire

    return mandates_expire()
