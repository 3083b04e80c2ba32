from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from portal.accounts.authn import OTP_DEVICE_KEY, authenticated_at, mark_authenticated
from portal.accounts.forms import EmailAuthenticationForm
from portal.accounts.handoff import handoff_begin as handoff_begin_session
from portal.accounts.handoff import handoff_token_issue, handoff_token_redeem
from portal.accounts.selectors import authority_memberships_of, memberships_of
from portal.accounts.sso import authorities_with_sso
from portal.accounts.throttle import password_reset_allowed
from portal.accounts.views_sso import on_public_host
from portal.accounts.views_two_factor import login_pending_start, needs_second_step
from portal.context_processors import portal_url
from portal.tenancy.selectors import organisation_get_by_slug

logger = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if on_public_host(self.request):
            context["sso_authorities"] = authorities_with_sso()  # the regulator console's way in
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if needs_second_step(user):
            # The password is right; the person is not logged in until the second factor passes.
            return login_pending_start(self.request, user, self.get_success_url())
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        if not password_reset_allowed(request=self.request, email=form.cleaned_data["email"]):
            logger.warning("password reset throttled for a client or an address")
            form.add_error(
                None,
                _("Too many reset links were asked for. Wait an hour, then try again."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def organisation_switcher(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/switcher.html",
        {
            "memberships": memberships_of(request.user),
            "authority_memberships": authority_memberships_of(request.user),
        },
    )


def _current_slug(request: HttpRequest) -> str:
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.schema_name == settings.PUBLIC_SCHEMA_NAME:
        return "public"
    return tenant.slug


def _refuse_switch(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/switcher.html",
        {
            "memberships": memberships_of(request.user),
            "authority_memberships": authority_memberships_of(request.user),
            "error": _("You are not a member of that organisation."),
        },
        status=403,
    )


def _may_enter(user: Any, slug: str) -> bool:
    if slug == "public":
        return True
    organisation = organisation_get_by_slug(slug)
    return (
        organisation is not None and memberships_of(user).filter(organisation=organisation).exists()
    )


def _host_of(slug: str) -> str:
    return settings.PORTAL_DOMAIN if slug == "public" else f"{slug}.{settings.PORTAL_DOMAIN}"


@login_required
def switch_to(request: HttpRequest, slug: str) -> HttpResponse:
    """Send the signed-in user to another organisation's host (or 'public'): the target host
    starts the hand-over (portal.accounts.handoff)."""
    if not _may_enter(request.user, slug):
        return _refuse_switch(request)
    path = reverse("accounts:handoff_begin") + "?" + urlencode({"from": _current_slug(request)})
    return HttpResponseRedirect(portal_url(None if slug == "public" else slug, path))


def handoff_begin(request: HttpRequest) -> HttpResponse:
    """Target host: remember a nonce in this browser's session, ask the source host for a token."""
    source = request.GET.get("from", "")
    if source != "public" and organisation_get_by_slug(source) is None:
        return render(request, "accounts/handoff_failed.html", status=400)
    nonce = handoff_begin_session(request.session)
    query = urlencode({"to": _current_slug(request), "nonce": nonce})
    path = reverse("accounts:handoff_grant") + "?" + query
    return HttpResponseRedirect(portal_url(None if source == "public" else source, path))


@login_required
def handoff_grant(request: HttpRequest) -> HttpResponse:
    """Source host: a token for the person logged in here, POSTed by their browser to the
    target host."""
    slug = request.GET.get("to", "")
    nonce = request.GET.get("nonce", "")
    if not nonce or not _may_enter(request.user, slug):
        return _refuse_switch(request)
    token = handoff_token_issue(
        user=request.user,  # type: ignore[arg-type]
        target_host=_host_of(slug),
        nonce=nonce,
        otp_device_id=str(request.session.get(OTP_DEVICE_KEY) or ""),
        authenticated_at=authenticated_at(request.session),
    )
    target = portal_url(None if slug == "public" else slug, reverse("accounts:handoff"))
    response = render(request, "accounts/handoff_post.html", {"action": target, "token": token})
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # cross-host by design; the token is bound to this browser's session nonce instead
@require_POST
def handoff(request: HttpRequest) -> HttpResponse:
    handover = handoff_token_redeem(
        token=request.POST.get("token", ""),
        host=request.get_host().split(":")[0],
        session=request.session,
    )
    if handover is None:
        return render(request, "accounts/handoff_failed.html", status=400)
    login(request, handover.user, backend="django.contrib.auth.backends.ModelBackend")
    if handover.otp_device_id:
        request.session[OTP_DEVICE_KEY] = handover.otp_device_id
    mark_authenticated(request.session, handover.authenticated_at)
    return HttpResponseRedirect("/")
