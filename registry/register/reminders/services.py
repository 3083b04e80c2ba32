"""Send each organisation what falls due, once per item and due date.

Idempotency comes from the table, not from the scheduler: a reminder is a row unique on
(organisation, kind, object_ref, due_on), inserted with ON CONFLICT DO NOTHING. Only rows this run
inserted -- or rows an earlier run inserted but could not mail -- are e-mailed, so running the job
twice, or on two beat hosts, sends nothing twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tenants.utils import get_public_schema_name

from portal import mail
from portal.accounts.models import Membership, User
from portal.authz import roles_that_may
from portal.context_processors import portal_url
from portal.tenancy.models import Organisation
from registry.register.models import Reminder
from registry.register.reminders.collect import DueItem, due_items
from registry.register.reminders.incidents import authority_reminders_send

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunResult:
    organisations: int
    created: int
    mailed: int
    authority_created: int = 0  # reminders to supervisory authorities (reminders.incidents)
    authority_mailed: int = 0


def reminders_send_daily(*, today: date | None = None) -> RunResult:
    today = today or timezone.localdate()
    organisations = Organisation.objects.exclude(
        schema_name__in=[get_public_schema_name(), settings.TENANT_BASE_SCHEMA]
    )
    created = mailed = count = 0
    for organisation in organisations:
        count += 1
        items = due_items(organisation, today)
        created += reminders_record(organisation=organisation, items=items)
        mailed += reminders_mail_pending(organisation=organisation)
    authority_created, authority_mailed = authority_reminders_send(today=today)
    return RunResult(
        organisations=count,
        created=created,
        mailed=mailed,
        authority_created=authority_created,
        authority_mailed=authority_mailed,
    )


def reminders_record(*, organisation: Organisation, items: list[DueItem]) -> int:
    """Insert the reminders not recorded yet; returns how many were new."""
    if not items:
        return 0
    before = Reminder.objects.filter(organisation=organisation).count()
    Reminder.objects.bulk_create(
        [
            Reminder(
                organisation=organisation,
                kind=item.kind,
                object_ref=item.object_ref,
                due_on=item.due_on,
                title=item.title[:300],
                link_path=item.link_path,
            )
            for item in items
        ],
        ignore_conflicts=True,
    )
    return Reminder.objects.filter(organisation=organisation).count() - before


def _recipients(organisation: Organisation) -> list[User]:
    # Those who may file are those whom a filing deadline concerns.
    return sorted(
        (
            membership.user
            for membership in Membership.objects.filter(
                role__in=roles_that_may("filing.submit"),
                organisation=organisation,
                user__is_active=True,
            ).select_related("user")
        ),
        key=lambda user: user.email,
    )


def reminders_mail_pending(*, organisation: Organisation) -> int:
    """E-mail the organisation's owners and administrators every reminder not sent yet."""
    with transaction.atomic():
        # Row locks: two runs at the same moment cannot both mail the same reminders.
        pending = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(organisation=organisation, sent_at__isnull=True)
            .order_by("due_on", "id")
        )
        if not pending:
            return 0
        recipients = _recipients(organisation)
        if recipients:
            try:
                send_mass_mail(
                    mail.messages(recipients, lambda: _mail(organisation, pending), together=True),
                    fail_silently=False,
                )
            except Exception:  # noqa: BLE001 - left unsent; tomorrow's run tries again
                logger.exception("could not mail %d reminders to %s", len(pending), organisation)
                return 0
        Reminder.objects.filter(pk__in=[r.pk for r in pending]).update(sent_at=timezone.now())
    return len(pending)


def _mail(organisation: Organisation, reminders: list[Reminder]) -> tuple[str, str]:
    """Subject and body in the active language (portal/mail.py chooses it per recipient)."""
    count = len(reminders)
    subject = ngettext(
        "%(organisation)s: %(count)s item falls due (AI Act portal)",
        "%(organisation)s: %(count)s items fall due (AI Act portal)",
        count,
    ) % {"organisation": organisation.legal_name, "count": count}
    lines = [_("What falls due for %(organisation)s:") % {"organisation": organisation.legal_name}]
    lines.append("")
    for reminder in reminders:
        link = portal_url(organisation.slug, reminder.link_path) if reminder.link_path else ""
        when = date_format(reminder.due_on, "DATE_FORMAT")
        lines.append(f"- {when}: {reminder.get_kind_display()}: {reminder.title}")
        if link:
            lines.append(f"  {link}")
    lines += ["", _("All reminders: %(url)s") % {"url": portal_url(organisation.slug, "/")}]
    return subject, "\n".join(lines) + "\n"
