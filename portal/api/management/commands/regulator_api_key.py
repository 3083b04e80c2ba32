"""Create an API key for a supervisory authority (used on the public host). Run by, or on
behalf of, one of the authority's lead reviewers; prints the key once."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from portal.accounts.api_keys import api_key_create
from portal.accounts.models import ApiKeyScope, Authority, User
from portal.console import service_errors


class Command(BaseCommand):
    help = "Create an API key for an authority; the key is printed once and stored hashed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--authority", required=True, help="The authority's slug.")
        parser.add_argument("--by", required=True, help="E-mail of a lead reviewer there.")
        parser.add_argument("--name", required=True, help="Who or what uses the key.")
        parser.add_argument(
            "--scopes", default="read", help=f"Comma-separated, from {ApiKeyScope.values}."
        )
        parser.add_argument("--days", type=int, default=365, help="Days until it expires.")

    def handle(self, *args: Any, **options: Any) -> None:
        authority = Authority.objects.filter(slug=options["authority"]).first()
        actor = User.objects.filter(email__iexact=options["by"]).first()
        if authority is None or actor is None:
            raise CommandError("No such authority or user.")
        with service_errors():
            api_key, plaintext = api_key_create(
                actor=actor,
                authority=authority,
                name=options["name"],
                scopes=[s.strip() for s in options["scopes"].split(",") if s.strip()],
                expires_at=timezone.now() + datetime.timedelta(days=options["days"]),
            )
        self.stderr.write(f"Created {api_key}; it is shown once, store it now:")
        self.stdout.write(plaintext)
