"""Support staff's view of people, memberships and authorities (public host, staff only).

Read-only (portal.service_admin): staff add people, authorities and regulators, remove
regulators and (de)activate accounts only through the services, which audit each write.
Memberships of organisations are their administrators' business (Settings → Members, the API).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts.models import Authority, AuthorityMembership, Membership, User
from portal.accounts.services import (
    authority_create,
    authority_member_add,
    authority_member_remove,
    user_create,
    user_set_active,
)
from portal.errors import DomainError
from portal.service_admin import ReadOnlyInline, ServiceAdmin

# Support staff are superusers; the portal grants nothing through groups, and a group edited
# here would change permissions without an audit event.
admin.site.unregister(Group)


class EmailUserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")
        field_classes = {"email": forms.EmailField}

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("A user with this e-mail address exists.")
        return email


class EmailUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes = {"email": forms.EmailField}


class MembershipInline(ReadOnlyInline):
    model = Membership


class AuthorityMembershipInline(ReadOnlyInline):
    model = AuthorityMembership


@admin.register(User)
class UserAdmin(ServiceAdmin, BaseUserAdmin):
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    ordering = ("email",)
    list_display = ("email", "full_name", "is_active", "is_staff", "date_joined")
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("email", "full_name")
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name",)}),
        (
            "Access",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    inlines = [MembershipInline, AuthorityMembershipInline]
    actions = ["deactivate", "reactivate"]

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # Django's UserAdmin adds only for those who may also change users, so that an "add
        # user" permission cannot make superusers. Nobody changes users here, and this form
        # makes plain accounts only (user_create): skip that check, keep its page context.
        context = {
            "auto_populated_fields": (),
            "username_help_text": User._meta.get_field("email").help_text,
            **(extra_context or {}),
        }
        return admin.ModelAdmin.add_view(self, request, form_url, context)

    def create_through(self, request: HttpRequest, form: Any) -> User:
        data = form.cleaned_data
        return user_create(
            email=data["email"],
            password=data["password1"] if data["set_usable_password"] else None,
            full_name=data.get("full_name", ""),
            actor=request.user,  # type: ignore[arg-type]
        )

    @admin.action(description="Deactivate the selected accounts", permissions=["view"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._set_active(request, queryset, active=False)

    @admin.action(description="Reactivate the selected accounts", permissions=["view"])
    def reactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._set_active(request, queryset, active=True)

    def _set_active(self, request: HttpRequest, queryset: QuerySet[User], *, active: bool) -> None:
        for user in queryset:
            try:
                user_set_active(actor=request.user, user=user, active=active)  # type: ignore[arg-type]
            except DomainError as exc:
                self.message_user(request, f"{user}: {exc}", messages.ERROR)


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin):
    list_display = ("user", "organisation", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "organisation__legal_name", "organisation__slug")
    list_select_related = ("user", "organisation")
    autocomplete_fields = ("user", "organisation")


@admin.register(Authority)
class AuthorityAdmin(ServiceAdmin):
    list_display = ("name", "slug", "kind", "member_states", "designated_art_74_8", "oidc_issuer")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    inlines = [AuthorityMembershipInline]
    # Sign-on is set with `manage.py authority_sso` (portal.accounts.sso, audited); the client
    # secret is never shown back, here or anywhere.
    exclude = ("oidc_client_secret",)

    def create_through(self, request: HttpRequest, form: Any) -> Authority:
        data = form.cleaned_data
        return authority_create(
            actor=request.user,  # type: ignore[arg-type]
            name=data["name"],
            slug=data["slug"],
            kind=data["kind"],
            member_states=list(data["member_states"] or []),
            contact_email=data.get("contact_email", ""),
            designated_art_74_8=bool(data.get("designated_art_74_8")),
        )


@admin.register(AuthorityMembership)
class AuthorityMembershipAdmin(ServiceAdmin):
    """Who reviews for an authority: a lead registers and rejects, restricted access opens the
    Art 49(4) filings. Granted and taken away only through the audited services; to change a
    role, remove the membership and add it again."""

    list_display = ("user", "authority", "role", "restricted_access")
    list_filter = ("role", "restricted_access", "authority")
    search_fields = ("user__email", "authority__name")
    list_select_related = ("user", "authority")
    autocomplete_fields = ("user",)
    readonly_fields = ("created_at",)

    def create_through(self, request: HttpRequest, form: Any) -> AuthorityMembership:
        data = form.cleaned_data
        return authority_member_add(
            actor=request.user,  # type: ignore[arg-type]
            authority=data["authority"],
            user=data["user"],
            role=data["role"],
            restricted_access=data["restricted_access"],
        )

    def delete_through(self, request: HttpRequest, obj: AuthorityMembership) -> None:
        authority_member_remove(actor=request.user, membership=obj)  # type: ignore[arg-type]


from portal.accounts import admin_locks  # noqa: E402, F401 - log-in locks (django-axes)

# Second factors belong to their person: django-otp's own admin pages (which edit keys and show
# them) are taken off; support staff reset a lost one with `manage.py two_factor_reset` (audited).
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)
