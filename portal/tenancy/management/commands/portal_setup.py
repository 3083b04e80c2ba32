from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.tenancy.services import public_tenant_ensure


class Command(BaseCommand):
    help = "Migrate every schema, make sure the public site exists, optionally load the demo data."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--demo", action="store_true", help="Also run seed_demo.")

    def handle(self, *args: object, **options: object) -> None:
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        public_tenant_ensure()
        # Only the organisations whose schema is behind (docs/decisions/0005).
        call_command("migrate_schemas_fast", tenant=True, interactive=False, verbosity=0)
        # Registered versions from before public copies existed get theirs (docs/decisions/0008).
        call_command("public_renditions_ensure")
        if options["demo"]:
            call_command("seed_demo")
