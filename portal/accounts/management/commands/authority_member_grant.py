"""Make a person a reviewer or lead reviewer of an authority, optionally with access to the
Art 49(4) filings: the admin's add page for authority memberships, for scripts (audited)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.accounts.models import Authority, AuthorityRole, User
from portal.accounts.services import authority_member_add
from portal.console import service_errors


class Command(BaseCommand):
    help = (
        "Grant a person (an existing account) a role at an authority; recorded in the audit trail."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--authority", required=True, help="The authority's slug.")
        parser.add_argument("--email", required=True, help="The person's account.")
        parser.add_argument("--role", required=True, choices=AuthorityRole.values)
        parser.add_argument("--restricted", action="store_true", help="Also the Art 49(4) filings.")
        parser.add_argument(
            "--by", help="E-mail of the staff member granting it (default: recorded as system)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        authority = Authority.objects.filter(slug=options["authority"]).first()
        user = User.objects.filter(email__iexact=options["email"]).first()
        if authority is None or user is None:
            raise CommandError("No such authority or account.")
        actor = None
        if options["by"]:
            actor = User.objects.filter(email__iexact=options["by"], is_staff=True).first()
            if actor is None:
                raise CommandError("--by names no staff account.")
        with service_errors():
            membership = authority_member_add(
                actor=actor,
                authority=authority,
                user=user,
                role=options["role"],
                restricted_access=options["restricted"],
            )
        access = " with access to Art 49(4) filings" if membership.restricted_access else ""
        self.stdout.write(f"{membership}{access}.")
