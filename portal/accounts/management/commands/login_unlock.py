"""Lift a log-in lock before its cool-off ends (support staff; audited)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from portal.accounts.throttle import login_lock_lift
from portal.formatting import count_of as _count


class Command(BaseCommand):
    help = "Lift the log-in lock on an account (--email) and/or a client address (--ip)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--email", default="")
        parser.add_argument("--ip", default="")

    def handle(self, *args: Any, email: str, ip: str, **options: Any) -> None:
        if not email and not ip:
            raise CommandError("Name an account (--email) or a client address (--ip).")
        removed = login_lock_lift(actor=None, username=email, ip_address=ip)
        self.stdout.write(f"Removed {_count(removed, 'failed-attempt record')}.")
