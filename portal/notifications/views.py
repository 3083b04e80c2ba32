"""The bell: a person's notifications, read and unread, and which kinds also go by e-mail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.models import User
from portal.notifications.models import EmailPreference, Notification
from portal.notifications.services import email_preferences_set, notifications_mark_read
from portal.notifications.texts import KIND_LABELS, text
from portal.pagination import Sort, list_controls, paginate

SORTS = [Sort("newest", "", ("-created_at", "-id"))]


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required
    return user


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    page = paginate(request, Notification.objects.filter(user=user), sorts=SORTS)
    rows = [{"n": n, "text": text(n.kind, n.params)} for n in page.rows]
    return render(request, "notifications/list.html", {"rows": rows, **list_controls(page, SORTS)})


@login_required
def notification_count(request: HttpRequest) -> HttpResponse:
    """The bell's badge (fetched by htmx after the page loads, so no page pays for it)."""
    unread = Notification.objects.filter(user=_user(request), read_at__isnull=True).count()
    return render(request, "notifications/_count.html", {"unread": unread})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link; it is read from then on."""
    notification = Notification.objects.filter(pk=pk, user=_user(request)).first()
    if notification is None:
        raise Http404("No such notification.")
    notifications_mark_read(user=_user(request), ids=[notification.pk])
    # The address was made by the portal (portal_url), never taken from a request.
    return redirect(notification.url or "/notifications/")


@require_POST
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_read(user=_user(request))
    messages.success(
        request,
        _("No unread notifications left.") if count else _("There was nothing unread."),
    )
    return redirect("notifications:list")


@login_required
def notification_settings(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method == "POST":
        chosen = [k for k in request.POST.getlist("email") if k in KIND_LABELS]
        email_preferences_set(user=user, email_kinds=chosen, kinds=KIND_LABELS)
        messages.success(request, _("Your e-mail choices were saved."))
        return redirect("notifications:settings")
    off = set(EmailPreference.objects.filter(user=user, email=False).values_list("kind", flat=True))
    kinds = [(kind, label, kind not in off) for kind, label in KIND_LABELS.items()]
    return render(request, "notifications/settings.html", {"kinds": kinds})
