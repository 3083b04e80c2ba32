from __future__ import annotations

from django.core.management.base import BaseCommand

from registry.register.services.public_renditions import public_renditions_ensure


class Command(BaseCommand):
    help = (
        "Make the missing public copies of registered versions and queue them for the worker "
        "(versions registered before public copies existed). Safe to run any time."
    )

    def handle(self, *args: object, **options: object) -> None:
        created = public_renditions_ensure()
        if created:
            self.stdout.write(f"Queued {len(created)} public copies for rendering.")
