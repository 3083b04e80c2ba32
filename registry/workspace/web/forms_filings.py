"""Forms of the filing pages.

Forms only parse and label input; the services validate what matters and their field errors are
put next to the fields by the one bridge (portal.web_errors), so the UI and the API refuse the
same things.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.register.models import MODEL_KINDS, SYSTEM_KINDS, FilingKind, FilingStatus


class FilingDraftCreateForm(forms.Form):
    """Kind and subject of a new draft. The subject choices come from the workspace."""

    kind = forms.ChoiceField(label=_("Kind of filing"), choices=FilingKind.choices)
    system_id = forms.TypedChoiceField(
        label=_("AI system"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("For a registration under Annex VIII (Sections A, B, C)."),
    )
    gpai_model_version_id = forms.TypedChoiceField(
        label=_("GPAI model version"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("For an Art 52 notification or the model documentation."),
    )
    provider_filing_id = forms.CharField(
        label=_("Provider's registration (Section C)"),
        required=False,
        widget=forms.HiddenInput,
    )
    notes = forms.CharField(
        label=_("Notes for the reviewer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, systems=(), versions=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        blank = [("", _("Choose…"))]
        self.fields["system_id"].choices = blank + [(s.pk, str(s)) for s in systems]
        self.fields["gpai_model_version_id"].choices = blank + [(v.pk, str(v)) for v in versions]

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        kind = data.get("kind")
        if kind in SYSTEM_KINDS and not data.get("system_id"):
            self.add_error("system_id", _("Choose the AI system this filing is about."))
        if kind in MODEL_KINDS and not data.get("gpai_model_version_id"):
            self.add_error("gpai_model_version_id", _("Choose the model version."))
        if kind == "annex_viii_c" and not data.get("provider_filing_id"):
            # Art 49(3), Annex VIII C3: the deployer names the provider's registered entry.
            self.add_error(
                "provider_filing_id",
                _("Select the provider's registered entry from the public register."),
            )
        return data


class FilingDraftNotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes for the reviewer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DiffForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Compare version"), coerce=int)
    b = forms.TypedChoiceField(label=_("with version"), coerce=int)

    def __init__(self, *args, numbers=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        choices = [(n, str(n)) for n in numbers]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices


class FilingListFilterForm(forms.Form):
    """The filings list's one filter: where each filing stands in the register."""

    status = forms.ChoiceField(
        label=_("Status in the register"),
        required=False,
        choices=[("", _("Any")), ("not_filed", _("Not filed yet")), *FilingStatus.choices],
    )
