"""Forms of the organisation's settings: members and API keys."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import ApiKeyScope, Role


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Someone without an account receives an e-mail with a link to set a password."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ApiKeyCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Who or what uses the key, e.g. 'CI pipeline'."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=ApiKeyScope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A key gets exactly the scopes ticked; none implies another."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: the key works until it is revoked."),
    )

    def expires_at(self) -> datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        # The key works through the whole of that day, in the portal's time zone.
        return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


class TwoFactorPolicyForm(forms.Form):
    all_members = forms.BooleanField(
        label=_("Ask every member for a second factor"),
        required=False,
        help_text=_(
            "Owners and administrators always log in with a code from an authenticator app. "
            "Ticked: editors and viewers too; they set one up at their next log-in."
        ),
    )
