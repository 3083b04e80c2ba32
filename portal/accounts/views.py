from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from portal.accounts.forms import EmailAuthenticationForm
from portal.accounts.handoff import handoff_token_issue, handoff_token_redeem
from portal.accounts.selectors import authority_memberships_of, memberships_of
from portal.context_processors import portal_url
from portal.tenancy.selectors import organisation_get_by_slug


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = False


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


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


@login_required
def switch_to(request: HttpRequest, slug: str) -> HttpResponse:
    """Send the signed-in user to another organisation's host (or 'public') already signed in."""
    if slug == "public":
        target_host = settings.PORTAL_DOMAIN
    else:
        organisation = organisation_get_by_slug(slug)
        if (
            organisation is None
            or not memberships_of(request.user).filter(organisation=organisation).exists()
        ):
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
        target_host = f"{slug}.{settings.PORTAL_DOMAIN}"
    token = handoff_token_issue(user=request.user, target_host=target_host)
    path = reverse("accounts:handoff") + f"?token={token}"
    return HttpResponseRedirect(portal_url(None if slug == "public" else slug, path))


def handoff(request: HttpRequest) -> HttpResponse:
    user = handoff_token_redeem(
        token=request.GET.get("token", ""), host=request.get_host().split(":")[0]
    )
    if user is None:
        return render(request, "accounts/handoff_failed.html", status=400)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)
