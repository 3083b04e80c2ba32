"""Register jobs of the daily beat. Adapters: the service decides what is due."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="registry.register.rights_requests_purge", acks_late=True)
def rights_requests_purge() -> int:
    from registry.register.services.rights_requests import rights_requests_purge_unconfirmed

    return rights_requests_purge_unconfirmed()
