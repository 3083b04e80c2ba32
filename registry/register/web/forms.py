"""Forms of the regulator console and the public register. They only parse input; the services
decide (and their errors come back onto these forms, next to the field they concern)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from registry import labels
from registry.register.models import FilingKind, FilingStatus
from registry.register.verification import Refusal, VerificationResult

YES_NO = [("", _("Either")), ("yes", _("Restricted only (Art 49(4))")), ("no", _("Public only"))]


def _choices(mapping: dict, blank: object) -> list[tuple[str, object]]:
    return [("", blank), *mapping.items()]


class RegisterFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Trade name, organisation or registration number."),
    )
    member_state = forms.ChoiceField(label=_("Member state"), required=False)
    annex_iii_area = forms.ChoiceField(label=_("Annex III area"), required=False)
    risk_tier = forms.ChoiceField(label=_("Risk tier"), required=False)
    # A text field, not a list of every organisation: at 1,000 organisations the list cost more
    # to render than the page's queries (bench/regulator_queue.py). Matches the identifier
    # exactly (links from a filing page) or a part of the legal name (registry.register.search).
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=200,
        help_text=_("Part of the legal name, or the organisation's identifier."),
    )

    def __init__(self, *args: object, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["member_state"].choices = _choices(labels.MEMBER_STATE, _("Any"))
        self.fields["annex_iii_area"].choices = _choices(labels.ANNEX_III_AREA, _("Any"))
        self.fields["risk_tier"].choices = _choices(labels.RISK_TIER, _("Any"))

    def value(self, name: str) -> str:
        return self.cleaned_data.get(name) or "" if self.is_valid() else ""


class QueueFilterForm(RegisterFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    submitted_from = forms.DateField(
        label=_("Submitted from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    submitted_to = forms.DateField(
        label=_("Submitted until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    restricted = forms.ChoiceField(label=_("Secure section"), required=False, choices=YES_NO)

    field_order = [
        "q",
        "status",
        "kind",
        "member_state",
        "annex_iii_area",
        "risk_tier",
        "organisation",
        "submitted_from",
        "submitted_to",
        "restricted",
    ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any")), *FilingStatus.choices]
        self.fields["kind"].choices = [("", _("Any")), *FilingKind.choices]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("submitted_from"), data.get("submitted_to")
        if start and end and start > end:
            self.add_error("submitted_to", _("The end of the range is before its start."))
        return data


class CommentForm(forms.Form):
    field = forms.CharField(widget=forms.HiddenInput, max_length=100)
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))


class RequestChangesForm(forms.Form):
    version_number = forms.IntegerField(widget=forms.HiddenInput)
    field = forms.ChoiceField(label=_("Field"), required=False)
    comment = forms.CharField(
        label=_("What must change in that field"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(
        label=_("General remarks"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: object, field_choices: list[tuple[str, str]], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("Choose a field")), *field_choices]

    def clean(self) -> dict:
        data = super().clean()
        comment, reason = data.get("comment", "").strip(), data.get("reason", "").strip()
        if comment and not data.get("field"):
            self.add_error("field", _("Choose the field the comment is about."))
        if not comment and not reason:
            self.add_error("comment", _("Say what must change: comment on a field or add remarks."))
        return data

    def comments(self) -> list[dict[str, str]]:
        body = self.cleaned_data.get("comment", "").strip()
        return [{"field": self.cleaned_data["field"], "body": body}] if body else []


class RejectForm(forms.Form):
    version_number = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for rejecting.")},
    )


class DecisionForm(forms.Form):
    version_number = forms.IntegerField(widget=forms.HiddenInput)


class VerifyForm(forms.Form):
    MAX_BYTES = 20 * 1024 * 1024

    pdf = forms.FileField(
        label=_("Filing PDF"),
        required=False,
        help_text=_("A PDF downloaded from this portal, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    sha256 = forms.CharField(
        label=_("Or its SHA-256"),
        required=False,
        max_length=200,
        help_text=_("64 hexadecimal characters: the hash printed in the PDF, or of the file."),
    )

    def clean(self) -> dict:
        data = super().clean()
        upload, sha = data.get("pdf"), (data.get("sha256") or "").strip()
        if upload is None and not sha:
            raise forms.ValidationError(_("Choose a PDF or paste a SHA-256."))
        if upload is not None and upload.size > self.MAX_BYTES:
            self.add_error("pdf", _("The file is larger than 20 MB."))
        return data

    def refuse(self, result: VerificationResult) -> bool:
        """Put why the input cannot be verified at all next to its field; False if it can."""
        if not result.refusal:
            return False
        field_name, message = VERIFY_REFUSALS[result.refusal]
        self.add_error(field_name, message)
        return True


VERIFY_REFUSALS = {
    Refusal.NOT_A_HASH: ("sha256", _("A SHA-256 is 64 hexadecimal characters.")),
    Refusal.NOT_A_PDF: ("pdf", _("This file is not a PDF.")),
    Refusal.NOT_A_PORTAL_PDF: (
        "pdf",
        _("This PDF was not made by this portal (it has no embedded filing.json)."),
    ),
}
