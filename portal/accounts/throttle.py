"""Throttling of log-ins and password-reset mails (issue 14 item 1).

Failed log-ins are counted by django-axes (its AccessAttempt table, public schema), once by the
account named and once by the client address: either reaching AXES_FAILURE_LIMIT within
AXES_COOLOFF_TIME locks further attempts, the right password included, until the cool-off ends or
an administrator lifts the lock (``login_lock_lift``: `manage.py login_unlock` or the admin's
"Lift the lock" action). Each lock and each lift is an audit event.

Password-reset mails are counted here with the cache's atomic INCR (as the API's rate limits are):
per e-mail address and per client address, so the form cannot be used to flood an inbox.
"""

from __future__ import annotations

import time
from typing import Any

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from axes.utils import reset as axes_reset
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_tenants.utils import schema_context

from portal.audit.services import audit_record


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, read like the API's throttle reads it: REMOTE_ADDR, or the address
    the nearest trusted proxy appended to X-Forwarded-For (REST_FRAMEWORK["NUM_PROXIES"] deep).
    A client cannot choose its own address by sending the header: only the proxies' entries count."""
    configured: Any = settings.REST_FRAMEWORK.get("NUM_PROXIES")
    num_proxies = int(configured or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if num_proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(num_proxies, len(hops))]
    return request.META.get("REMOTE_ADDR") or None


def normalise_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """Counts "Alice@Example.com " and "alice@example.com" as the same account (log-in is by
    e-mail, case-insensitive)."""
    value = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if value is None and request is not None and request.method == "POST":
        value = request.POST.get(settings.AXES_USERNAME_FORM_FIELD)
    return str(value).strip().lower() if value else None


def lockout_response(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, Any] | None
) -> HttpResponse:
    """A page that says what happened and what to do, with 429 (the form is not shown again:
    another try would only extend the lock)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@receiver(user_locked_out, dispatch_uid="portal.accounts.throttle.audit_lockout")
def _audit_lockout(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **_: Any
) -> None:
    from portal.accounts.models import User

    # Accounts live in the public schema, and so does their trail, whichever host was attacked.
    with schema_context(settings.PUBLIC_SCHEMA_NAME), transaction.atomic():
        user = User.objects.filter(email__iexact=username).first() if username else None
        audit_record(
            actor=None,
            action="login.locked_out",
            obj=user,
            after={"username": username or "", "ip_address": ip_address or ""},
        )


def login_lock_lift(*, actor: Any, username: str = "", ip_address: str = "") -> int:
    """Lift the lock on an account and/or a client address before its cool-off ends; returns how
    many attempt records were removed. Support staff only (the admin site, a management command)."""
    username = (username or "").strip().lower()
    ip_address = (ip_address or "").strip()
    if not username and not ip_address:
        return 0
    with schema_context(settings.PUBLIC_SCHEMA_NAME), transaction.atomic():
        removed = 0
        if username:
            removed += axes_reset(username=username)
        if ip_address:
            removed += axes_reset(ip=ip_address)
        audit_record(
            actor=actor,
            action="login.lock_lifted",
            after={"username": username, "ip_address": ip_address, "attempts_removed": removed},
        )
    return removed


def login_locks() -> Any:
    return AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)


CACHE_PREFIX = "throttle"  # tests set a fresh prefix per test for isolation


def window_hit(bucket: str, limit: int, period: int) -> bool:
    """Count one event in a fixed window; False once the window holds more than ``limit``."""
    window = int(time.time() // period)
    key = f"{CACHE_PREFIX}:{bucket}:{period}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period + 1)
        count = 1
    return count <= limit


def password_reset_allowed(*, request: HttpRequest, email: str) -> bool:
    """Both budgets are spent on every request, so guessing addresses from one client runs into
    the per-client limit, and many clients aiming at one inbox into the per-address one."""
    limit_email, limit_ip, period = settings.PASSWORD_RESET_RATE
    by_email = window_hit(f"pwreset:email:{email.strip().lower()}", limit_email, period)
    by_ip = window_hit(f"pwreset:ip:{client_ip(request) or 'unknown'}", limit_ip, period)
    return by_email and by_ip
