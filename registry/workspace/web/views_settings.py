"""Settings of an organisation (administrators and owners only): members and API keys.

Every page here refuses other members with the 403 page before reading any form; the services
check the role again (portal.accounts.services, portal.accounts.api_keys).
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.api_keys import api_key_create, api_key_revoke, api_keys_of_organisation
from portal.accounts.invitations import (
    invitation_resend,
    invitation_withdraw,
    member_invite,
    organisation_invitations,
    organisation_members,
)
from portal.accounts.models import User
from portal.accounts.selectors import API_KEY_SORTS, MEMBER_SORTS, api_key_rows, member_rows
from portal.accounts.sensitive import sensitive_step
from portal.accounts.services import membership_change_role, membership_remove
from portal.accounts.two_factor import organisation_two_factor_set
from portal.pagination import list_controls, paginate
from portal.tenancy.models import Organisation
from portal.web_errors import button_post, run_service
from registry.workspace.permissions import current_organisation
from registry.workspace.web.access import ability_required
from registry.workspace.web.forms_settings import (
    ApiKeyCreateForm,
    MemberAddForm,
    MemberRoleForm,
    TwoFactorPolicyForm,
)

# Every page here: administrators and owners (portal.authz "settings.view"), 403 for the others.
admin_only = ability_required("settings.view")


def _admin(request: HttpRequest) -> User:
    # admin_only has let only a member with the settings ability through: a person, not a key.
    assert isinstance(request.user, User)
    return request.user


def _organisation(request: HttpRequest) -> Organisation:
    return cast(Organisation, getattr(request, "tenant"))  # noqa: B009 - set by django-tenants


@admin_only
def settings_index(request: HttpRequest) -> HttpResponse:
    return redirect("org_settings:members")


def _member_or_404(request: HttpRequest, pk: int) -> Any:
    membership = organisation_members(organisation=current_organisation()).filter(pk=pk).first()
    if membership is None:
        raise Http404("No such member.")
    return membership


def _members_page(request: HttpRequest, form: MemberAddForm, status: int = 200) -> HttpResponse:
    page = paginate(request, member_rows(organisation=current_organisation()), sorts=MEMBER_SORTS)
    members = [
        {
            "membership": m,
            "role_form": MemberRoleForm(initial={"role": m.role}, prefix=f"m{m.pk}"),
            "is_me": m.user_id == request.user.pk,
        }
        for m in page.rows
    ]
    return render(
        request,
        "workspace/settings/members.html",
        {
            "members": members,
            "invitations": organisation_invitations(organisation=current_organisation()),
            "now": timezone.now(),
            "form": form,
            "section": "members",
            **list_controls(page, MEMBER_SORTS),
            "two_factor_form": TwoFactorPolicyForm(
                initial={"all_members": _organisation(request).two_factor_all_members}
            ),
        },
        status=status,
    )


@admin_only
@sensitive_step
def members(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _members_page(request, MemberAddForm())
    form = MemberAddForm(request.POST)
    if not form.is_valid():
        return _members_page(request, form, status=422)
    result = run_service(
        request,
        lambda: member_invite(
            actor=_admin(request),
            organisation=current_organisation(),
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
        ),
        form=form,
        page=lambda _e, status: _members_page(request, form, status=status),
    )
    if isinstance(result, HttpResponse):
        return result
    messages.success(
        request,
        _("%(email)s was invited: the e-mail with the link to accept is on its way.")
        % {"email": result.email},
    )
    return redirect("org_settings:members")


@admin_only
@sensitive_step
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
            actor=_admin(request), membership=membership, role=form.cleaned_data["role"]
        ),
        back_to=reverse("org_settings:members"),
        success=_("The role of %(email)s was changed.") % {"email": membership.user.email},
    )


@admin_only
@sensitive_step
@require_POST
def two_factor_policy(request: HttpRequest) -> HttpResponse:
    form = TwoFactorPolicyForm(request.POST)
    form.is_valid()  # one check box: always valid
    return button_post(
        request,
        lambda: organisation_two_factor_set(
            actor=cast(User, request.user),  # admin_only: a signed-in member
            organisation=_organisation(request),
            all_members=form.cleaned_data["all_members"],
        ),
        back_to=reverse("org_settings:members"),
        success=_("The two-factor rule for members was saved."),
    )


@admin_only
@sensitive_step
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _member_or_404(request, pk)
    return button_post(
        request,
        lambda: membership_remove(actor=_admin(request), membership=membership),
        back_to=reverse("org_settings:members"),
        success=_("%(email)s was removed.") % {"email": membership.user.email},
    )


def _invitation_or_404(request: HttpRequest, pk: int) -> Any:
    invitation = organisation_invitations(organisation=current_organisation()).filter(pk=pk).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


@admin_only
@require_POST
def invitation_resend_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation_or_404(request, pk)
    return button_post(
        request,
        lambda: invitation_resend(actor=_admin(request), invitation=invitation),
        back_to=reverse("org_settings:members"),
        success=_("The invitation was sent again."),
    )


@admin_only
@require_POST
def invitation_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _invitation_or_404(request, pk)
    return button_post(
        request,
        lambda: invitation_withdraw(actor=_admin(request), invitation=invitation),
        back_to=reverse("org_settings:members"),
        success=_("The invitation of %(email)s was withdrawn.") % {"email": invitation.email},
    )


def _keys_page(
    request: HttpRequest, form: ApiKeyCreateForm, status: int = 200, **extra: Any
) -> HttpResponse:
    page = paginate(request, api_key_rows(organisation=current_organisation()), sorts=API_KEY_SORTS)
    response = render(
        request,
        "workspace/settings/api_keys.html",
        {
            "keys": page.rows,
            "form": form,
            "section": "api_keys",
            **list_controls(page, API_KEY_SORTS),
            **extra,
        },
        status=status,
    )
    # The page may carry a key's plaintext: never keep a copy in a cache.
    response["Cache-Control"] = "no-store"
    return response


@admin_only
@sensitive_step
def api_keys(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _keys_page(request, ApiKeyCreateForm())
    form = ApiKeyCreateForm(request.POST)
    if not form.is_valid():
        return _keys_page(request, form, status=422)
    created = run_service(
        request,
        lambda: api_key_create(
            actor=_admin(request),
            organisation=current_organisation(),
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            expires_at=form.expires_at(),
        ),
        form=form,
        aliases={"expires_at": "expires_on"},
        page=lambda _e, status: _keys_page(request, form, status=status),
    )
    if isinstance(created, HttpResponse):
        return created
    key, plaintext = created
    # Shown on this response only: the plaintext is not stored anywhere.
    return _keys_page(request, ApiKeyCreateForm(), new_key=key, plaintext=plaintext)


@admin_only
@require_POST
def api_key_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    key = api_keys_of_organisation(organisation=current_organisation()).filter(pk=pk).first()
    if key is None:
        raise Http404("No such key.")
    return button_post(
        request,
        lambda: api_key_revoke(actor=_admin(request), api_key=key),
        back_to=reverse("org_settings:api_keys"),
        success=_("The key %(prefix)s was revoked.") % {"prefix": key.prefix},
    )
