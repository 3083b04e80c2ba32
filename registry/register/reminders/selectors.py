from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from portal.tenancy.models import Organisation
from registry.register.models import Reminder

# Past reminders stay on the dashboard this long after they were raised.
RECENT_DAYS = 30


def reminders_for(
    organisation: Organisation, *, today: date | None = None, limit: int = 20
) -> QuerySet[Reminder]:
    """The organisation's reminders to show on its dashboard: those still ahead and those raised
    in the last 30 days (an overdue registration stays visible while it is fresh), soonest
    first. One query."""
    today = today or timezone.localdate()
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    return Reminder.objects.filter(
        Q(due_on__gte=today) | Q(created_at__gte=since), organisation=organisation
    ).order_by("due_on", "id")[:limit]
