"""The second step of logging in, enrolment of an authenticator, and re-authentication.

A person whose password was right but who must (or chose to) pass a second factor is *pending*:
the session remembers who, for ``PENDING_SECONDS``, and nothing else. Django's ``login()`` runs
only when the code passes (``_complete_login``), so a pending session opens no page, no API
call and no hand-over to another host. Someone who must have a second factor and has none yet is
sent to enrolment instead, and is logged in when the first code from the new authenticator passes.
"""

from __future__ import annotations

import base64
import time
from typing import Any
from urllib.parse import urlencode

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.accounts.authn import mark_authenticated
from portal.accounts.models import User
from portal.accounts.two_factor import (
    has_second_factor,
    recovery_codes_left,
    second_factor_fresh,
    second_factor_required,
    second_factor_verify,
    totp_device_pending,
    totp_enrol,
)
from portal.errors import DomainError
from portal.web_errors import form_add_domain_error

PENDING_KEY = "portal_two_factor_pending"
PENDING_SECONDS = 600


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        help_text=gettext_lazy(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class EnrolForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=12,
        help_text=gettext_lazy("The six digits the app shows for this portal."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


def login_pending_start(request: HttpRequest, user: User, next_url: str) -> HttpResponse:
    """After the password: remember the person as pending and ask for the second factor (or for
    enrolment when they must have one and have none)."""
    request.session.cycle_key()  # a fixated session id learns nothing about the pending person
    request.session[PENDING_KEY] = {
        "u": user.pk,
        "b": getattr(user, "backend", "django.contrib.auth.backends.ModelBackend"),
        "t": time.time(),
        "n": next_url,
    }
    if has_second_factor(user):
        return redirect("accounts:two_factor")
    return redirect("accounts:two_factor_setup")


def needs_second_step(user: User) -> bool:
    return has_second_factor(user) or second_factor_required(user)


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - float(pending.get("t", 0)) > PENDING_SECONDS:
        return None
    user = User.objects.filter(pk=pending.get("u"), is_active=True).first()
    return None if user is None else (user, pending)


def safe_next(request: HttpRequest, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"


def _complete_login(request: HttpRequest, user: User, device: Any) -> str:
    """Log the pending person in with the device that passed; returns where to go next."""
    pending = request.session.pop(PENDING_KEY, {})
    login(request, user, backend=pending.get("b") or "django.contrib.auth.backends.ModelBackend")
    django_otp.login(request, device)
    mark_authenticated(request.session)
    return safe_next(request, str(pending.get("n") or ""))


def _who(request: HttpRequest) -> tuple[User | None, bool]:
    """(the person, whether they are still pending)."""
    pending = _pending(request)
    if pending is not None:
        return pending[0], True
    if request.user.is_authenticated:
        return request.user, False
    return None, False


def _to_login(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("Your log-in took too long. Log in again."))
    return redirect("accounts:login")


def verify(request: HttpRequest) -> HttpResponse:
    """The second step of logging in, and re-authentication before a sensitive step."""
    user, pending = _who(request)
    if user is None:
        return _to_login(request)
    if not has_second_factor(user):
        return redirect("accounts:two_factor_setup")
    next_url = safe_next(request, request.GET.get("next", "") or request.POST.get("next", ""))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            device = second_factor_verify(user=user, token=form.cleaned_data["token"])
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            if pending:
                return HttpResponseRedirect(_complete_login(request, user, device))
            django_otp.login(request, device)
            mark_authenticated(request.session)
            return HttpResponseRedirect(next_url)
    status = 422 if form.is_bound else 200
    return render(
        request,
        "accounts/two_factor_verify.html",
        {
            "form": form,
            "pending": pending,
            "next": next_url,
            "codes_left": recovery_codes_left(user),
        },
        status=status,
    )


def _qr_svg(config_url: str) -> str:
    # Inline SVG: no image file to serve, and it scales for a phone held to the screen.
    return segno.make(config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff")


def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: a QR code (and the secret as text), then the first code."""
    user, pending = _who(request)
    if user is None:
        return _to_login(request)
    if has_second_factor(user):
        # Replacing an authenticator takes the one in hand: a password alone (pending) never
        # enrols a new one, and a signed-in session only with a fresh code.
        if pending:
            return redirect("accounts:two_factor")
        if not second_factor_fresh(request.session):
            return HttpResponseRedirect(reauth_url(request.path))
    device = totp_device_pending(user=user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            enrolment = totp_enrol(user=user, token=form.cleaned_data["token"])
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            if pending:
                next_url = _complete_login(request, user, enrolment.device)
            else:
                django_otp.login(request, enrolment.device)
                mark_authenticated(request.session)
                next_url = "/"
            return _codes_page(request, enrolment.recovery_codes, next_url)
    secret = base64.b32encode(device.bin_key).decode()
    response = render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": secret,
            "secret_groups": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": second_factor_required(user),
            "pending": pending,
        },
        status=422 if form.is_bound else 200,
    )
    response["Cache-Control"] = "no-store"  # the page carries the secret
    return response


def _codes_page(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    response = render(
        request, "accounts/two_factor_codes.html", {"codes": codes, "next": next_url or "/"}
    )
    response["Cache-Control"] = "no-store"  # shown once, kept nowhere
    return response


def reauth_url(next_path: str) -> str:
    return reverse("accounts:two_factor") + "?" + urlencode({"next": next_path})
