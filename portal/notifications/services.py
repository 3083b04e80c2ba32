"""Notify people in the portal, and tell the caller whom to e-mail as well."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from portal.accounts.models import User
from portal.notifications.models import EmailPreference, Notification


def notify(users: Iterable[User], kind: str, params: dict[str, Any], url: str) -> list[User]:
    """A notification for each of ``users``; returns those who also want it by e-mail."""
    people = {user.pk: user for user in users}
    if not people:
        return []
    Notification.objects.bulk_create(
        [Notification(user=user, kind=kind, params=params, url=url) for user in people.values()]
    )
    declined = set(
        EmailPreference.objects.filter(user__in=list(people), kind=kind, email=False).values_list(
            "user_id", flat=True
        )
    )
    return [user for pk, user in sorted(people.items()) if pk not in declined]


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications (all, or those ``ids``) read; others' are never touched."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def email_preferences_set(*, user: User, email_kinds: Iterable[str], kinds: Iterable[str]) -> None:
    """The kinds (of ``kinds``) the user wants by e-mail too; the rest only in the portal."""
    wanted = set(email_kinds)
    for kind in kinds:
        EmailPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": kind in wanted}
        )
