"""Configure (or turn off) an authority's single sign-on through its OpenID Connect provider
(portal.accounts.sso; audited). The client secret is read from the environment variable
OIDC_CLIENT_SECRET or asked for, never taken from the command line (it would show in `ps`)."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from portal.accounts.models import Authority, User
from portal.accounts.sso import authority_sso_configure
from portal.errors import DomainError


class Command(BaseCommand):
    help = "Set an authority's OpenID Connect issuer, client id and secret (--off to remove)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--authority", required=True, help="The authority's slug.")
        parser.add_argument("--issuer", default="", help="https://… (the provider's issuer)")
        parser.add_argument("--client-id", default="")
        parser.add_argument("--off", action="store_true", help="Turn the sign-on off.")
        parser.add_argument("--keep-secret", action="store_true", help="Keep the stored secret.")
        parser.add_argument("--by", help="E-mail of the staff member (default: system).")

    def handle(self, *args: Any, **options: Any) -> None:
        authority = Authority.objects.filter(slug=options["authority"]).first()
        if authority is None:
            raise CommandError("No such authority.")
        actor = None
        if options["by"]:
            actor = User.objects.filter(email__iexact=options["by"], is_staff=True).first()
            if actor is None:
                raise CommandError("--by names no staff account.")
        secret: str | None = None
        if not options["off"] and not options["keep_secret"]:
            secret = os.environ.get("OIDC_CLIENT_SECRET") or getpass.getpass("Client secret: ")
        try:
            authority_sso_configure(
                actor=actor,
                authority=authority,
                issuer="" if options["off"] else options["issuer"],
                client_id=options["client_id"],
                client_secret=secret,
            )
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        state = "off" if options["off"] else f"on, issuer {authority.oidc_issuer}"
        self.stdout.write(f"Sign-on for {authority.name}: {state}.")
