"""Forms of the risk register (Art 9) and the QMS records (Art 17)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from registry.workspace import choices
from registry.workspace.models import AISystem
from registry.workspace.permissions import current_organisation


def member_choices() -> forms.ModelChoiceField:
    """Record owners must be members of this organisation (the service checks it too)."""
    organisation = current_organisation()
    return forms.ModelChoiceField(
        label=_("Owner"),
        queryset=User.objects.filter(memberships__organisation_id=organisation.pk).order_by(
            "full_name", "email"
        ),
        required=False,
        empty_label=_("Nobody yet"),
    )


def _date(label: Any, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class RiskRecordForm(forms.Form):
    hazard = forms.CharField(label=_("Hazard"), widget=forms.Textarea(attrs={"rows": 3}))
    use_context = forms.ChoiceField(
        label=_("Arises under"), choices=choices.RiskUse.choices, initial="intended_use"
    )
    affected_persons = forms.CharField(
        label=_("Affected persons or groups"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    affects_vulnerable_groups = forms.BooleanField(
        label=_("Affects persons under 18 or other vulnerable groups (Art 9(9))"), required=False
    )
    fundamental_rights = forms.MultipleChoiceField(
        label=_("Fundamental rights concerned"),
        choices=choices.FundamentalRight.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    likelihood = forms.ChoiceField(
        label=_("Likelihood"), choices=[("", _("Choose")), *choices.Likelihood.choices]
    )
    severity = forms.ChoiceField(
        label=_("Severity"), choices=[("", _("Choose")), *choices.Severity.choices]
    )
    mitigation = forms.CharField(
        label=_("Mitigation measures"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    mitigation_type = forms.ChoiceField(
        label=_("Kind of measure (Art 9(5))"),
        choices=[("", _("Not given")), *choices.MitigationType.choices],
        required=False,
    )
    residual_risk = forms.ChoiceField(
        label=_("Residual risk"),
        choices=[("", _("Not judged yet")), *choices.ResidualRisk.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=choices.RiskStatus.choices, initial="open"
    )
    next_review_on = _date(_("Next review"), _("Art 9(2): a continuous, iterative process."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = member_choices()


class QMSRecordForm(forms.Form):
    aspect = forms.ChoiceField(
        label=_("Aspect (Art 17(1))"), choices=[("", _("Choose")), *choices.QMSAspect.choices]
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    document_version = forms.CharField(label=_("Document version"), max_length=50)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_review_on = _date(_("Next review"))
    systems = forms.ModelMultipleChoiceField(
        label=_("AI systems covered (Annex VII 3.1)"),
        queryset=AISystem.objects.only("id", "uid", "trade_name", "system_reference"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = member_choices()


class RiskFilterForm(forms.Form):
    # A search, not a choice of every system: the page stays the same size at 10,000 systems.
    system = forms.CharField(
        label=_("AI system"),
        help_text=_("Part of its trade name or reference."),
        max_length=200,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *choices.RiskStatus.choices], required=False
    )
    review_due = forms.BooleanField(label=_("Review due within 30 days"), required=False)


class _Selected(forms.Field):
    """The ids of the rows ticked on a list (``records``, one value per row)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        return [str(v) for v in (value or []) if str(v).strip()]


BULK_ACTIONS = [
    ("assign_owner", _("Assign the owner")),
    ("schedule_review", _("Schedule the review")),
]


class RecordsBulkForm(forms.Form):
    """A bulk action on the records ticked on a list: assign an owner or schedule a review.
    Each action has its own button (``action``), so the form works without JavaScript."""

    records = _Selected(
        label=_("Records"), error_messages={"required": _("Select at least one record.")}
    )
    action = forms.ChoiceField(label=_("Action"), choices=BULK_ACTIONS, widget=forms.HiddenInput)
    next_review_on = _date(_("Next review on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = member_choices()
        owner.empty_label = _("Choose a member")
        self.fields["owner"] = owner
        self.order_fields(["records", "owner", "next_review_on", "action"])
