"""Serious-incident reminders of the daily job: to the provider, what it owes on its reports
(the next report due soon or overdue, information an authority requested); to the authority,
reports nobody has acknowledged a day after they arrived, before the seven days of Art 73(8) run
out. Each is a row unique on its item and due date (`Reminder`, `AuthorityReminder`), so a second
run sends nothing twice."""

from __future__ import annotations

import logging
import uuid
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import mail
from portal.accounts.models import Authority, AuthorityMembership, User
from portal.context_processors import portal_url
from portal.tenancy.models import Organisation
from registry.register.models import ReminderKind
from registry.register.models.incidents import IncidentReport, IncidentStatus
from registry.register.models.reminders import AuthorityReminder
from registry.register.reminders.collect import DueItem
from registry.register.selectors_incidents_console import incident_measures_due_on

if TYPE_CHECKING:
    from registry.workspace.selectors.due import WorkspaceDue

logger = logging.getLogger(__name__)

# How close the next report's date must be for a "due soon" reminder: the shortest clock is two
# days (Art 73(3)), so anything further ahead would be noise today.
INCIDENT_SOON_DAYS = 3
# A report waits this long for its acknowledgement before the authority is reminded.
UNACKNOWLEDGED_AFTER_DAYS = 1
OPEN = (
    IncidentStatus.SUBMITTED,
    IncidentStatus.ACKNOWLEDGED,
    IncidentStatus.INFORMATION_REQUESTED,
    IncidentStatus.FINAL_SUBMITTED,
)


def open_incident_ids(organisation: Organisation) -> list[uuid.UUID]:
    """The organisation's open reports (the workspace numbers the pages that link to them)."""
    return list(
        IncidentReport.objects.filter(organisation=organisation, status__in=OPEN).values_list(
            "pk", flat=True
        )
    )


def incident_due_items(organisation: Organisation, today: date, due: WorkspaceDue) -> list[DueItem]:
    """What the organisation owes on its incidents: initial reports of incidents it recorded but
    has not reported (from the workspace), and on its open reports the next report due soon or
    overdue and information an authority requested (one query)."""
    soon = today + timedelta(days=INCIDENT_SOON_DAYS)
    items = [
        DueItem(
            ReminderKind.INCIDENT_OVERDUE
            if draft.due_on < today
            else ReminderKind.INCIDENT_DUE_SOON,
            f"incident-draft:{draft.id}:initial",
            draft.due_on,
            f"Report the serious incident '{draft.title[:120]}' to the authority",
            draft.path,
        )
        for draft in due.incidents_to_report
        if draft.due_on <= soon
    ]
    reports = IncidentReport.objects.filter(
        organisation=organisation, pk__in=list(due.incident_paths)
    ).only("id", "reference", "subject_name", "status", "next_due_on", "information_due_on")
    for report in reports:
        path = due.incident_paths.get(report.pk, "/incidents/")
        if report.status == IncidentStatus.INFORMATION_REQUESTED and report.information_due_on:
            items.append(
                DueItem(
                    ReminderKind.INCIDENT_INFORMATION,
                    f"incident:{report.pk}:information",
                    report.information_due_on,
                    f"An authority requested information on {report.reference} "
                    f"({report.subject_name})",
                    path,
                )
            )
            continue
        next_due = report.next_due_on
        if next_due is None or next_due > soon:
            continue
        late = next_due < today
        items.append(
            DueItem(
                ReminderKind.INCIDENT_OVERDUE if late else ReminderKind.INCIDENT_DUE_SOON,
                f"incident:{report.pk}:next",
                next_due,
                f"The next report on {report.reference} ({report.subject_name}) "
                + ("is overdue" if late else "is due soon"),
                path,
            )
        )
    return items


def authority_reminders_send(*, today: date) -> tuple[int, int]:
    """Remind each authority of the reports addressed to it that nobody has acknowledged; returns
    (recorded, mailed)."""
    waited = today - timedelta(days=UNACKNOWLEDGED_AFTER_DAYS)
    cutoff = timezone.make_aware(datetime.combine(waited, time.min))
    waiting = IncidentReport.objects.filter(
        status=IncidentStatus.SUBMITTED, first_report_at__lt=cutoff
    ).only(
        "id", "reference", "subject_name", "authority_id", "restricted", "regime", "first_report_at"
    )
    rows = [
        AuthorityReminder(
            authority_id=report.authority_id,
            kind=AuthorityReminder.Kind.INCIDENT_UNACKNOWLEDGED,
            object_ref=f"incident:{report.pk}",
            # Art 73(8): the authority takes measures within seven days of receiving the report.
            due_on=incident_measures_due_on(report) or timezone.localdate(report.first_report_at),
            title=f"Acknowledge {report.reference} ({report.subject_name})",
            link_path=f"/regulator/incidents/{report.pk}/",
            restricted=report.restricted,
        )
        for report in waiting
    ]
    before = AuthorityReminder.objects.count()
    if rows:
        AuthorityReminder.objects.bulk_create(rows, ignore_conflicts=True)
    recorded = AuthorityReminder.objects.count() - before
    mailed = sum(
        _mail_pending(authority)
        for authority in Authority.objects.filter(reminders__sent_at__isnull=True).distinct()
    )
    return recorded, mailed


def _recipients(authority: Authority, *, restricted: bool) -> list[User]:
    members = AuthorityMembership.objects.filter(authority=authority, user__is_active=True)
    if restricted:
        # Art 74(8): only staff granted restricted access hear of a restricted report.
        members = members.filter(restricted_access=True)
    return sorted({m.user for m in members.select_related("user")}, key=lambda user: user.email)


def _mail_pending(authority: Authority) -> int:
    with transaction.atomic():
        # Row locks: two runs at the same moment cannot both mail the same reminders.
        pending = list(
            AuthorityReminder.objects.select_for_update(skip_locked=True)
            .filter(authority=authority, sent_at__isnull=True)
            .order_by("due_on", "id")
        )
        if not pending:
            return 0
        for restricted in (False, True):
            batch = [r for r in pending if r.restricted == restricted]
            recipients = _recipients(authority, restricted=restricted)
            if not batch or not recipients:
                continue

            def build(batch: list[AuthorityReminder] = batch) -> tuple[str, str]:
                lines = [
                    _("Serious-incident reports waiting for %(authority)s:")
                    % {"authority": authority.name},
                    "",
                ]
                for reminder in batch:
                    lines.append(
                        _("- measures due by %(date)s: %(title)s")
                        % {"date": date_format(reminder.due_on), "title": reminder.title}
                    )
                    lines.append(f"  {portal_url(None, reminder.link_path)}")
                subject = ngettext(
                    "%(authority)s: %(count)d incident report to acknowledge",
                    "%(authority)s: %(count)d incident reports to acknowledge",
                    len(batch),
                ) % {"authority": authority.name, "count": len(batch)}
                return subject, "\n".join(lines) + "\n"

            try:
                send_mass_mail(mail.messages(recipients, build), fail_silently=False)
            except Exception:  # noqa: BLE001 - left unsent; tomorrow's run tries again
                logger.exception("could not mail incident reminders to %s", authority)
                return 0
        AuthorityReminder.objects.filter(pk__in=[r.pk for r in pending]).update(
            sent_at=timezone.now()
        )
    return len(pending)
