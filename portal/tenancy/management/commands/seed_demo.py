from __future__ import annotations

from django.core.management.base import BaseCommand

from portal.demo import seed_demo
from portal.formatting import count_of as _count


class Command(BaseCommand):
    help = "Create the demo organisations, people and authorities (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        created = seed_demo()
        self.stdout.write(
            f"Demo data: {_count(len(created), 'item')} created."
            if created
            else "Demo data: already present."
        )
