from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from portal.context_processors import portal_url
from portal.demo import DEMO_PASSWORD, demo_logins
from portal.demo_totp import demo_totp_secret


class Command(BaseCommand):
    help = "Print the URLs and demo logins of a running portal."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--started", type=float, default=None)

    def handle(self, *args: object, **options: object) -> None:
        lines = ["", "AI Act registration portal is running.", ""]
        lines.append(f"  Public site, register and regulator console: {portal_url(None)}")
        lines.append(f"  API docs: {portal_url(None, '/api/docs/')}")
        lines.append(f"  Health: {portal_url(None, '/healthz')}")
        lines.append("")
        lines.append(f"  Demo logins (password for all: {DEMO_PASSWORD}):")
        logins = demo_logins()
        # Columns as wide as their longest entry: a role is never cut ("(restricted access)").
        email_width = max((len(login["email"]) for login in logins), default=0)
        what_width = max((len(login["what"]) for login in logins), default=0)
        for login in logins:
            lines.append(
                f"    {login['email']:<{email_width}}  {login['what']:<{what_width}}  {login['url']}"
            )
        lines.append("")
        lines.append("  Owners, administrators and regulators also enter a code (two-factor):")
        lines.append(
            f"    authenticator key {demo_totp_secret()}, or `make demo-code` for the current code"
        )
        if options["started"]:
            lines.append("")
            lines.append(
                f"  Ready in {time.monotonic() - options['started']:.1f} s. Ctrl-C stops everything."
            )
        self.stdout.write("\n".join(lines) + "\n")
