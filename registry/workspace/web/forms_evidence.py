"""The evidence upload form: the file and what it supports."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.formatting import file_size
from registry.workspace.models import AISystem, QMSRecord, RiskRecord
from registry.workspace.uploads import ALLOWED_EXTENSIONS


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave blank to use the file name."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    systems = forms.ModelMultipleChoiceField(
        label=_("AI systems"),
        queryset=AISystem.objects.only("id", "uid", "trade_name", "system_reference"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    risk_records = forms.ModelMultipleChoiceField(
        label=_("Risk records"),
        queryset=RiskRecord.objects.only("id", "uid", "hazard"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    qms_records = forms.ModelMultipleChoiceField(
        label=_("QMS records"),
        queryset=QMSRecord.objects.only("id", "uid", "aspect", "title", "document_version"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    shared = forms.BooleanField(
        label=_("Shared by the organisation"),
        required=False,
        help_text=_(
            "Any filing of the organisation may cite it, whatever it is about (e.g. the "
            "quality-management manual). Otherwise a filing cites only files linked to its subject."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        types = ", ".join(sorted(ALLOWED_EXTENSIONS))
        self.fields["file"].help_text = _("Accepted: %(types)s; at most %(size)s.") % {
            "types": types,
            "size": file_size(settings.EVIDENCE_MAX_BYTES),
        }
        # A record's own words, not its model name ("Risk #3: ..."), label its checkbox.
        self.fields["risk_records"].label_from_instance = lambda record: record.hazard[:100]
        self.fields["file"].widget.attrs["accept"] = ",".join(sorted(ALLOWED_EXTENSIONS))


class EvidenceFilterForm(forms.Form):
    """The evidence list's search: part of a title or file name, or the start of a SHA-256."""

    q = forms.CharField(
        label=_("Search"),
        help_text=_("Part of the title or file name, or the first characters of the SHA-256."),
        max_length=200,
        required=False,
    )

    def filters(self) -> dict[str, str]:
        return {"search": self.cleaned_data["q"]} if self.is_valid() else {}
