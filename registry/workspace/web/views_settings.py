"""Settings of an organisation (administrators and owners only): members and API keys.

Every page here refuses other members with the 403 page before reading any form; the services
check the role again (portal.accounts.services, portal.accounts.api_keys).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.api_keys import api_key_create, api_key_revoke, api_keys_of_organisation
from portal.accounts.invitations import (
    invitation_pending,
    invitation_resend,
    member_invite,
    organisation_members,
)
from portal.accounts.services import membership_change_role, membership_remove
from portal.web_errors import button_post, form_post
from registry.workspace.web.access import ability_required
from registry.workspace.web.forms_settings import ApiKeyCreateForm, MemberAddForm, MemberRoleForm

# Every page here: administrators and owners (portal.authz "settings.view"), 403 for the others.
admin_only = ability_required("settings.view")


@admin_only
def settings_index(request: HttpRequest) -> HttpResponse:
    return redirect("org_settings:members")


def _member_or_404(request: HttpRequest, pk: int) -> Any:
    membership = organisation_members(organisation=request.tenant).filter(pk=pk).first()
    if membership is None:
        raise Http404("No such member.")
    return membership


def _members_page(request: HttpRequest, form: MemberAddForm, status: int = 200) -> HttpResponse:
    members = [
        {
            "membership": m,
            "pending": invitation_pending(m.user),
            "role_form": MemberRoleForm(initial={"role": m.role}, prefix=f"m{m.pk}"),
            "is_me": m.user_id == request.user.pk,
        }
        for m in organisation_members(organisation=request.tenant)
    ]
    return render(
        request,
        "workspace/settings/members.html",
        {"members": members, "form": form, "section": "members"},
        status=status,
    )


def _member_added(result: Any) -> str:
    if result.invited:
        text = _("%(email)s was invited: an e-mail with a link to set a password is on its way.")
    else:
        text = _("%(email)s is now a member.")
    return text % {"email": result.membership.user.email}


@admin_only
def members(request: HttpRequest) -> HttpResponse:
    form = MemberAddForm(request.POST or None)
    return form_post(
        request,
        form,
        lambda: member_invite(
            actor=request.user,
            organisation=request.tenant,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
        ),
        page=lambda status: _members_page(request, form, status=status),
        success=_member_added,
        done=lambda _result: redirect("org_settings:members"),
    )


@admin_only
@require_POST
def member_role(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _member_or_404(request, pk)
    form = MemberRoleForm(request.POST, prefix=f"m{pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
        return redirect("org_settings:members")
    return button_post(
        request,
        lambda: membership_change_role(
            actor=request.user, membership=membership, role=form.cleaned_data["role"]
        ),
        back_to=reverse("org_settings:members"),
        success=_("The role of %(email)s was changed.") % {"email": membership.user.email},
    )


@admin_only
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _member_or_404(request, pk)
    return button_post(
        request,
        lambda: membership_remove(actor=request.user, membership=membership),
        back_to=reverse("org_settings:members"),
        success=_("%(email)s was removed.") % {"email": membership.user.email},
    )


@admin_only
@require_POST
def member_resend(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _member_or_404(request, pk)
    return button_post(
        request,
        lambda: invitation_resend(actor=request.user, membership=membership),
        back_to=reverse("org_settings:members"),
        success=_("The invitation was sent again."),
    )


def _keys_page(
    request: HttpRequest, form: ApiKeyCreateForm, status: int = 200, **extra: Any
) -> HttpResponse:
    keys = list(api_keys_of_organisation(organisation=request.tenant))
    response = render(
        request,
        "workspace/settings/api_keys.html",
        {"keys": keys, "form": form, "section": "api_keys", **extra},
        status=status,
    )
    # The page may carry a key's plaintext: never keep a copy in a cache.
    response["Cache-Control"] = "no-store"
    return response


@admin_only
def api_keys(request: HttpRequest) -> HttpResponse:
    form = ApiKeyCreateForm(request.POST or None)

    def shown_once(created: Any) -> HttpResponse:
        key, plaintext = created
        # Shown on this response only: the plaintext is not stored anywhere.
        return _keys_page(request, ApiKeyCreateForm(), new_key=key, plaintext=plaintext)

    return form_post(
        request,
        form,
        lambda: api_key_create(
            actor=request.user,
            organisation=request.tenant,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.expires_at(),
        ),
        aliases={"expires_at": "expires_on"},
        page=lambda status: _keys_page(request, form, status=status),
        success="",
        done=shown_once,
    )


@admin_only
@require_POST
def api_key_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    key = api_keys_of_organisation(organisation=request.tenant).filter(pk=pk).first()
    if key is None:
        raise Http404("No such key.")
    return button_post(
        request,
        lambda: api_key_revoke(actor=request.user, api_key=key),
        back_to=reverse("org_settings:api_keys"),
        success=_("The key %(prefix)s was revoked.") % {"prefix": key.prefix},
    )
