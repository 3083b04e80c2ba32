"""The page an invitation link opens (portal.accounts.invitations): on the organisation's host,
open without membership. Someone with an account logs in as the invited address and accepts;
someone without one creates it here, and is then asked to log in like everyone else."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.forms import InvitationAccountForm
from portal.accounts.invitations import (
    invitation_accept,
    invitation_accept_with_new_account,
    invitation_open,
)
from portal.accounts.models import User
from portal.web_errors import run_service


def _page(request: HttpRequest, context: dict[str, object], status: int = 200) -> HttpResponse:
    response = render(request, "accounts/invitation.html", context, status=status)
    # The URL carries the link's secret: no cache keeps the page, no Referer carries it on.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    organisation = getattr(connection, "tenant", None)
    if organisation is None or organisation.schema_name == settings.PUBLIC_SCHEMA_NAME:
        raise Http404("Invitations are opened on the organisation's host.")
    found = invitation_open(organisation=organisation, token=token)
    if found is None:
        return _page(request, {"invalid": True}, status=404)
    context: dict[str, object] = {"invitation": found, "organisation": organisation}
    user = request.user
    if user.is_authenticated:
        if user.email.lower() != found.email:
            return _page(request, {**context, "other_address": True}, status=403)
        if request.method == "POST":
            accepted = run_service(
                request,
                lambda: invitation_accept(user=user, organisation=organisation, token=token),
                back_to=request.path,
            )
            if isinstance(accepted, HttpResponse):
                return accepted
            messages.success(
                request,
                _("You are now a member of %(organisation)s.")
                % {"organisation": organisation.legal_name},
            )
            return redirect("/")
        return _page(request, {**context, "confirm": True})
    if User.objects.filter(email__iexact=found.email).exists():
        # Only the link's holder gets here, and they were sent it at that address.
        return redirect_to_login(request.get_full_path())
    form = InvitationAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        created = run_service(
            request,
            lambda: invitation_accept_with_new_account(
                organisation=organisation,
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            ),
            form=form,
            aliases={"password": "password1"},
            page=lambda _e, status: _page(request, {**context, "form": form}, status=status),
        )
        if isinstance(created, HttpResponse):
            return created
        messages.success(
            request,
            _("Your account was created and you are a member of %(organisation)s. Log in now.")
            % {"organisation": organisation.legal_name},
        )
        return redirect(reverse("accounts:login") + "?next=/")
    return _page(request, {**context, "form": form}, status=422 if form.errors else 200)
