"""Forms of the copyright policy (Art 53(1)(c), Code Copyright chapter) and the summary of
training content (Art 53(1)(d)). Field names are the services' (``<measure>_status``,
``crawlers``...), so a refusal lands next to the field it is about."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.workspace import choices
from registry.workspace.training_summary import (
    BOOL_FIELDS,
    LABELS,
    LIST_FIELDS,
    SIZE_FIELDS,
)
from registry.workspace.web.forms_gpai import DATE

ONE_A_LINE = _("One a line.")


class CopyrightPolicyForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the policy"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Measure 1.1 encourages publishing a summary of the policy."),
    )
    crawler_user_agents = forms.CharField(
        label=_("Crawlers (user agents)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Measure 1.3: the names rights holders address in robots.txt. One a line."),
    )
    point_of_contact = forms.CharField(
        label=_("Point of contact"),
        max_length=254,
        required=False,
        help_text=_("Measure 1.5: a functional address (a shared mailbox), not a person's."),
    )
    complaint_mechanism = forms.CharField(
        label=_("Complaint mechanism"),
        max_length=500,
        required=False,
        help_text=_("Where rights holders file complaints electronically (an address or a form)."),
    )
    complaint_response_days = forms.IntegerField(
        label=_("Response time in days"), required=False, initial=30
    )

    def __init__(self, *args: Any, evidence: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in choices.CopyrightMeasure.choices:
            self.fields[f"{value}_status"] = forms.ChoiceField(
                label=label, choices=[("", "—"), *choices.MeasureStatus.choices], required=False
            )
            self.fields[f"{value}_text"] = forms.CharField(
                label=_("How it is implemented"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{value}_evidence"] = forms.ModelMultipleChoiceField(
                label=_("Evidence"),
                queryset=evidence,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "summary": data.get("summary") or "",
            "crawler_user_agents": data.get("crawler_user_agents") or "",
            "point_of_contact": data.get("point_of_contact") or "",
            "complaint_mechanism": data.get("complaint_mechanism") or "",
            "complaint_response_days": data.get("complaint_response_days") or 0,
            "measures": {
                value: {
                    "status": data.get(f"{value}_status") or "",
                    "text": data.get(f"{value}_text") or "",
                    "evidence": [e.pk for e in data.get(f"{value}_evidence") or []],
                }
                for value in choices.CopyrightMeasure.values
            },
        }


def policy_initial(policy: Any) -> dict[str, Any]:
    """The form's values from a saved version: the next version starts from the current one."""
    if policy is None:
        return {"complaint_response_days": 30}
    initial: dict[str, Any] = {
        "summary": policy.summary,
        "crawler_user_agents": "\n".join(policy.crawler_user_agents),
        "point_of_contact": policy.point_of_contact,
        "complaint_mechanism": policy.complaint_mechanism,
        "complaint_response_days": policy.complaint_response_days,
    }
    for row in policy.measures.all():
        initial[f"{row.measure}_status"] = row.status
        initial[f"{row.measure}_text"] = row.text
        initial[f"{row.measure}_evidence"] = [e.pk for e in row.evidence.all()]
    return initial


class TrainingSummaryForm(forms.Form):
    """The AI Office's template, one field per key of ``training_summary.FIELDS``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in LABELS.items():
            field: forms.Field
            if name == "modalities":
                field = forms.MultipleChoiceField(
                    choices=choices.Modality.choices, widget=forms.CheckboxSelectMultiple
                )
            elif name in BOOL_FIELDS:
                field = forms.BooleanField()
            elif name in LIST_FIELDS:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3}), help_text=ONE_A_LINE
                )
            elif name in ("crawl_period_start", "crawl_period_end", "data_cutoff"):
                field = forms.DateField(widget=DATE)
            elif name in SIZE_FIELDS:
                field = forms.CharField(
                    max_length=200,
                    help_text=_("E.g. 1-10 trillion tokens; 100-500 million images."),
                )
            else:
                field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
            field.label = label
            field.required = False
            self.fields[name] = field

    def content(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in ("crawl_period_start", "crawl_period_end", "data_cutoff"):
            data[name] = data[name].isoformat() if data.get(name) else None
        return data


def summary_initial(content: dict[str, Any]) -> dict[str, Any]:
    return {
        name: "\n".join(value) if name in LIST_FIELDS - {"modalities"} else value
        for name, value in content.items()
    }
