"""Forms of the Representatives page (Art 22, Art 54): offering a mandate, and the reason given
when declining, terminating or refusing a verification."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.register.models import MandateScope, MandateSubmitter, MandateTask
from registry.workspace.models import AISystem, GPAIModel


class MandateOfferForm(forms.Form):
    representative = forms.SlugField(
        label=_("Representative's short name"),
        help_text=_("The portal's short name of an organisation established in the Union."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=MandateScope.choices)
    systems = forms.MultipleChoiceField(
        label=_("AI systems"), required=False, widget=forms.CheckboxSelectMultiple
    )
    gpai_models = forms.MultipleChoiceField(
        label=_("GPAI models"), required=False, widget=forms.CheckboxSelectMultiple
    )
    tasks = forms.MultipleChoiceField(
        label=_("Tasks"), choices=MandateTask.choices, widget=forms.CheckboxSelectMultiple
    )
    submitter = forms.ChoiceField(label=_("Who submits"), choices=MandateSubmitter.choices)
    verification_required = forms.BooleanField(
        label=_("The representative verifies each filing before it is submitted"),
        required=False,
        initial=True,
    )
    starts_on = forms.DateField(
        label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    document = forms.FileField(label=_("Written mandate"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        systems = cast(forms.MultipleChoiceField, self.fields["systems"])
        systems.choices = [(str(s.pk), str(s)) for s in AISystem.objects.order_by("trade_name")]
        models = cast(forms.MultipleChoiceField, self.fields["gpai_models"])
        models.choices = [(str(m.pk), m.name) for m in GPAIModel.objects.order_by("name")]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
