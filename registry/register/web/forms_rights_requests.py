"""The public's form for a rights holder's request, and the provider's answer and rejection
forms. They parse only; the service checks again (limits, the provider's models) and decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.register.models import ActingFor, RightsRequestKind
from registry.register.services.rights_requests import LIMITS

HONEYPOT = "homepage"  # a field people never see; a bot that fills it files nothing


class RightsRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you ask for?"), choices=RightsRequestKind.choices, widget=forms.RadioSelect
    )
    model = forms.ChoiceField(label=_("Which model?"), required=False)
    requester_name = forms.CharField(label=_("Your name"), max_length=LIMITS["requester_name"])
    requester_email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=LIMITS["requester_email"],
        help_text=_("We send a confirmation link here; the provider answers to it."),
    )
    acting_for = forms.ChoiceField(
        label=_("You act for"), choices=ActingFor.choices, widget=forms.RadioSelect
    )
    rights_holder = forms.CharField(
        label=_("The rights holder you represent"),
        max_length=LIMITS["rights_holder"],
        required=False,
    )
    works = forms.CharField(
        label=_("The works concerned"),
        max_length=LIMITS["works"],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Titles, authors, identifiers (ISBN, ISRC …)."),
    )
    work_urls = forms.CharField(
        label=_("Where the works are online (optional)"),
        max_length=LIMITS["work_urls"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One address a line, at most 20."),
    )
    request_text = forms.CharField(
        label=_("What you ask the provider"),
        max_length=LIMITS["request_text"],
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args: object, models: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        model_field = self.fields["model"]
        assert isinstance(model_field, forms.ChoiceField)
        model_field.choices = [("", _("All of the provider's models")), *models]

    @property
    def public_fields(self) -> list[forms.BoundField]:
        return [field for field in self.visible_fields() if field.name != HONEYPOT]


class RightsRequestAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer to the requester"),
        max_length=LIMITS["request_text"],
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Sent by e-mail to the requester as written."),
    )


class RightsRequestRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=LIMITS["request_text"],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent by e-mail to the requester as written."),
    )
