"""Forms of the serious-incident pages. They parse and label; the services decide (their field
errors come back next to these fields through portal.web_errors)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import labels
from registry.register.models import IncidentStage

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TEXT = forms.Textarea(attrs={"rows": 4})


class IncidentForm(forms.Form):
    title = forms.CharField(label=_("Short title"), max_length=200)
    member_state = forms.ChoiceField(
        label=_("Member state where it occurred"),
        required=False,
        help_text=_(
            "Art 73(1): the market-surveillance authority of this member state receives the "
            "report. Optional for a report to the AI Office."
        ),
    )
    harms = forms.MultipleChoiceField(
        label=_("What harm did it cause? (Art 3(49))"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose every harm that applies: the shortest reporting period wins."),
    )
    widespread = forms.BooleanField(
        label=_("Widespread infringement (Art 3(61)): it affects several member states"),
        required=False,
        help_text=_("Report within 2 days (Art 73(3))."),
    )
    aware_on = forms.DateField(
        label=_("When did you become aware of it?"),
        widget=_DATE,
        help_text=_("The reporting clock runs from this day."),
    )
    occurred_on = forms.DateField(label=_("When did it occur?"), required=False, widget=_DATE)
    description = forms.CharField(label=_("What happened"), required=False, widget=_TEXT)
    causal_link = forms.CharField(
        label=_("Causal link with the AI system"),
        required=False,
        widget=_TEXT,
        help_text=_("Established, or reasonably likely (Art 73(2))."),
    )
    affected = forms.CharField(
        label=_("Persons, property or infrastructure affected"), required=False, widget=_TEXT
    )
    immediate_actions = forms.CharField(
        label=_("Immediate actions taken"), required=False, widget=_TEXT
    )
    risk_assessment = forms.CharField(
        label=_("Risk assessment (Art 73(6))"), required=False, widget=_TEXT
    )
    corrective_actions = forms.CharField(
        label=_("Corrective action (Art 73(6))"), required=False, widget=_TEXT
    )
    root_cause = forms.CharField(label=_("Root cause"), required=False, widget=_TEXT)
    resolved_on = forms.DateField(
        label=_("Resolved on"),
        required=False,
        widget=_DATE,
        help_text=_("For a GPAI model: the final report is due 60 days after (CoP Measure 9.3)."),
    )
    provider_informed_on = forms.DateField(
        label=_("We informed the provider on (Art 26(5))"),
        required=False,
        widget=_DATE,
        help_text=_(
            "As a deployer you inform the provider first, then the importer or distributor and "
            "the market-surveillance authority (Art 26(5))."
        ),
    )
    provider_informed_note = forms.CharField(
        label=_("How we informed the provider"), required=False, widget=_TEXT
    )

    def __init__(self, *args: Any, regime: str, deployer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["member_state"]).choices = labels.choices(
            dict(labels.member_state_choices()), blank=_("Choose a member state")
        )
        cast(forms.ChoiceField, self.fields["harms"]).choices = [
            (code, label)
            for code, label in labels.INCIDENT_HARM.items()
            if regime == "art55" or code != "cybersecurity"
        ]
        if regime == "art55":
            del self.fields["widespread"]
        if not deployer:
            del self.fields["provider_informed_on"], self.fields["provider_informed_note"]


def harm_options(form: IncidentForm) -> list[tuple[Any, Any]]:
    """Each harm's checkbox with what it covers and the clock it starts, for the template."""
    return [
        (choice, labels.INCIDENT_HARM_HELP.get(str(choice.data["value"]), ""))
        for choice in form["harms"]
    ]


class IncidentSendForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("This version is"),
        required=False,
        choices=[(v, label) for v, label in IncidentStage.choices if v != "initial"],
    )
