"""Remove a person's authenticator and recovery codes when they lost both (audited); they set up
a new one at their next log-in. Check who is asking by other means first."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.accounts.models import User
from portal.accounts.two_factor import two_factor_reset
from portal.errors import DomainError
from portal.formatting import count_of as _count


class Command(BaseCommand):
    help = "Reset a person's second factor (recorded in the audit trail)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True, help="The person's account.")
        parser.add_argument("--by", help="E-mail of the staff member (default: system).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError("No such account.")
        actor = None
        if options["by"]:
            actor = User.objects.filter(email__iexact=options["by"], is_staff=True).first()
            if actor is None:
                raise CommandError("--by names no staff account.")
        try:
            removed = two_factor_reset(actor=actor, user=user)
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{_count(removed, 'device')} removed; {user.email} enrols at the next log-in."
        )
