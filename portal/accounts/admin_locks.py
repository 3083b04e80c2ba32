"""Log-in locks for support staff: read-only, lifted only through the audited service."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from portal.accounts.throttle import login_lock_lift
from portal.formatting import count_of as _count
from portal.service_admin import ServiceAdmin


@admin.register(AccessAttempt)
class LoginLockAdmin(ServiceAdmin):
    list_display = ("username", "ip_address", "failures_since_start", "attempt_time")
    search_fields = ("username", "ip_address")
    ordering = ("-attempt_time",)
    actions = ["lift_lock"]  # deleting rows instead would lift a lock without an audit event

    @admin.action(description="Lift the lock (account and address)", permissions=["view"])
    def lift_lock(self, request: HttpRequest, queryset: QuerySet[AccessAttempt]) -> None:
        removed = 0
        for attempt in list(queryset):
            removed += login_lock_lift(
                actor=request.user,
                username=attempt.username or "",
                ip_address=attempt.ip_address or "",
            )
        messages.success(request, f"Removed {_count(removed, 'failed-attempt record')}.")
