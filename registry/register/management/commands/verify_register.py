from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from portal.formatting import count_of as _count
from registry.register.services.integrity import register_verify


class Command(BaseCommand):
    help = "Recompute every filing, PDF and evidence hash of the register and report tampering."

    def handle(self, *args: object, **options: object) -> None:
        checked, problems = register_verify()
        for problem in problems:
            self.stderr.write(f"TAMPERED {problem}")
        if problems:
            raise CommandError(
                f"{_count(len(problems), 'problem')} in {_count(checked, 'object')} checked."
            )
        self.stdout.write(f"Register intact: {_count(checked, 'object')} checked.")
