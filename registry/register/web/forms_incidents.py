"""Forms of the console's serious-incident inbox and report page. They only parse input; the
review services decide (registry.register.services.incident_review), and their refusals come
back onto these forms next to the field they concern."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import labels
from registry.register.models.incidents import IncidentMeasure, IncidentRegime, IncidentStatus

OVERDUE = [("", _("Either")), ("yes", _("Overdue only")), ("no", _("Not overdue"))]


class IncidentFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    member_state = forms.ChoiceField(label=_("Member state where it occurred"), required=False)
    harm = forms.ChoiceField(label=_("Harm (Art 3(49))"), required=False)
    regime = forms.ChoiceField(label=_("Reporting regime"), required=False)
    overdue = forms.ChoiceField(label=_("Overdue"), required=False, choices=OVERDUE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: dict[str, list[Any]] = {
            "status": list(IncidentStatus.choices),
            "member_state": labels.member_state_choices(),
            "harm": list(labels.INCIDENT_HARM.items()),
            "regime": list(IncidentRegime.choices),
        }
        for name, values in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = [("", _("Any")), *values]


class AcknowledgeForm(forms.Form):
    """Nothing to fill in: the button confirms receipt."""


class RequestInformationForm(forms.Form):
    question = forms.CharField(
        label=_("What the provider must tell you"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what information you need.")},
    )
    due_on = forms.DateField(
        label=_("Information due by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the date by which the information is due.")},
    )


class MeasureForm(forms.Form):
    measure = forms.ChoiceField(
        label=_("Measure taken (Art 73(8); Art 19 of Regulation (EU) 2019/1020)"),
        choices=[("", _("Choose a measure")), *IncidentMeasure.choices],
        error_messages={"required": _("Choose the measure taken.")},
    )
    note = forms.CharField(
        label=_("Details of the measure"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("Closing remarks"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
