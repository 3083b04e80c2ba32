"""Create an API key for an organisation, on behalf of one of its owners or administrators;
prints the key once (it is stored hashed)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from portal.accounts.api_keys import DEFAULT_KEY_LIFETIME, api_key_create
from portal.accounts.models import ApiKeyScope, Membership, Role, User
from portal.console import service_errors
from portal.tenancy.models import Organisation


class Command(BaseCommand):
    help = "Create an API key for an organisation; the key is printed once and stored hashed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="The organisation's slug.")
        parser.add_argument("--name", required=True, help="Who or what uses the key.")
        parser.add_argument(
            "--scopes", default="read", help=f"Comma-separated, from {ApiKeyScope.values}."
        )
        parser.add_argument(
            "--by", help="E-mail of an owner or administrator (default: the first owner)."
        )
        parser.add_argument(
            "--days", type=int, default=DEFAULT_KEY_LIFETIME.days, help="Days until it expires."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None or organisation.is_public:
            raise CommandError(f"No organisation {options['organisation']!r}.")
        actor = self._actor(organisation, options.get("by"))
        with service_errors():
            api_key, plaintext = api_key_create(
                actor=actor,
                organisation=organisation,
                name=options["name"],
                scopes=[s.strip() for s in options["scopes"].split(",") if s.strip()],
                expires_at=timezone.now() + datetime.timedelta(days=options["days"]),
            )
        self.stderr.write(f"Created {api_key} for {organisation.slug}; shown once, store it now:")
        self.stdout.write(plaintext)

    def _actor(self, organisation: Organisation, email: str | None) -> User:
        if email:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                raise CommandError(f"No user {email!r}.")
            return user
        rank = Case(
            When(role=Role.OWNER, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        membership = (
            Membership.objects.filter(organisation=organisation, role__in=[Role.OWNER, Role.ADMIN])
            .annotate(rank=rank)
            .order_by("rank", "id")
            .select_related("user")
            .first()
        )
        if membership is None:
            raise CommandError("The organisation has no owner or administrator to act for.")
        return membership.user
