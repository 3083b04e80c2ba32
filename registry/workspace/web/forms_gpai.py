"""Forms of the GPAI model pages: the model, its versions, and the Model Documentation Form.

The MDF form is built from ``registry.workspace.mdf.MDF_FIELDS`` (one field per item, grouped by
MDF section); only the labels live here, because they are shown translated.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from registry.workspace import choices
from registry.workspace.mdf import AIO, DP, MDF_FIELDS, NCA, MDFField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FLOP_HELP = _(
    "Cumulative training compute in FLOP, e.g. 3e24. Above 10^25 FLOP a model is presumed to "
    "have systemic risk (Art 51(2))."
)


class GPAIModelForm(forms.Form):
    name = forms.CharField(label=_("Model name"), max_length=200)
    model_family = forms.CharField(label=_("Collection or family"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    commission_designated_systemic_risk = forms.BooleanField(
        label=_("Designated by the Commission as a model with systemic risk (Art 51(1)(b))"),
        required=False,
    )
    designated_on = forms.DateField(label=_("Date of the designation"), required=False, widget=DATE)


def _multi(choice_class: Any, label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choice_class.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _choice(choice_class: Any, label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=[("", "—"), *choice_class.choices], required=False
    )


def _flop_field(label: Any, help_text: Any = "") -> forms.FloatField:
    # A text box, not type=number: FLOP counts are written 1e25, which number inputs mangle.
    return forms.FloatField(
        label=label,
        required=False,
        min_value=0,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class GPAIModelVersionForm(forms.Form):
    version = forms.CharField(label=_("Version"), max_length=50)
    release_date = forms.DateField(label=_("First release"), required=False, widget=DATE)
    union_release_date = forms.DateField(
        label=_("Release on the Union market"), required=False, widget=DATE
    )
    training_compute_flops = _flop_field(_("Training compute (FLOP)"), FLOP_HELP)
    input_modalities = _multi(choices.Modality, _("Input modalities"))
    output_modalities = _multi(choices.Modality, _("Output modalities"))
    parameter_count = forms.IntegerField(label=_("Parameters"), required=False, min_value=0)
    parameter_range = _choice(choices.ParameterRange, _("Parameter range"))
    distribution_channels = _multi(choices.DistributionChannel, _("Distribution channels"))
    licence = forms.CharField(label=_("Licence (type or link)"), max_length=300, required=False)
    open_source = forms.BooleanField(
        label=_("Free and open-source release (Art 53(2))"),
        required=False,
        help_text=_("The open-source exemption never applies to models with systemic risk."),
    )
    monetised = forms.BooleanField(label=_("Monetised"), required=False)
    training_time = _choice(choices.TrainingTime, _("Training time"))
    training_energy_mwh = _flop_field(_("Training energy (MWh)"))
    threshold_known_on = forms.DateField(
        label=_("Date the Art 51(2) threshold was met or became known"),
        required=False,
        widget=DATE,
        help_text=_("Art 52(1): notify the Commission within two weeks of this date."),
    )
    art52_notified_on = forms.DateField(
        label=_("Date the Commission was notified (Art 52(1))"), required=False, widget=DATE
    )


MDF_SECTION_TITLES = {
    0: _("Document"),
    1: _("1. General information"),
    2: _("2. Model properties"),
    3: _("3. Methods of distribution and licences"),
    4: _("4. Use"),
    5: _("5. Training process"),
    6: _("6. Data used for training, testing and validation"),
    7: _("7. Computational resources"),
    8: _("8. Energy consumption"),
}
AUDIENCES = {
    AIO: _("AI Office"),
    NCA: _("National competent authorities"),
    DP: _("Downstream providers"),
}
MDF_LABELS = {
    "documentation_updated_on": _("Document last updated"),
    "documentation_version": _("Document version number"),
    "provider_legal_name": _("Legal name of the provider"),
    "model_identifier": _("Unique model identifier and versions covered"),
    "model_authenticity": _("Model authenticity (hash or endpoint URL)"),
    "release_date": _("Release date (first release, any channel)"),
    "union_release_date": _("Union market release date"),
    "model_dependencies": _("Models it was fine-tuned or modified from"),
    "architecture": _("Architecture (about 20 words)"),
    "design_specification": _("Design specifications (about 100 words)"),
    "input_modalities": _("Input modalities"),
    "max_input_size": _("Maximum input size per modality"),
    "output_modalities": _("Output modalities"),
    "max_output_size": _("Maximum output size per modality"),
    "parameter_count": _("Total model size (parameters)"),
    "parameter_range": _("Parameter range"),
    "distribution_channels": _("Distribution channels"),
    "licence": _("Licence"),
    "other_assets": _("Other assets made available"),
    "acceptable_use_policy": _("Acceptable-use policy (link or 'none')"),
    "intended_uses": _("Intended uses, or restricted and prohibited uses"),
    "integrable_system_types": _("Types of AI systems it can be integrated into"),
    "integration_means": _("Technical means for integration"),
    "required_hardware": _("Required hardware"),
    "required_software": _("Required software"),
    "training_process": _("Design specification of the training process"),
    "training_rationale": _("Decision rationale and optimisation objectives"),
    "data_modalities": _("Data types or modalities"),
    "data_provenance": _("Data provenance"),
    "data_acquisition": _("How the data was obtained and selected"),
    "data_points": _("Number of data points (size and units)"),
    "data_scope": _("Scope and main characteristics"),
    "data_curation": _("Curation methods"),
    "unsuitable_data_measures": _("Measures to detect unsuitable sources"),
    "bias_measures": _("Measures to detect identifiable biases"),
    "training_time": _("Training time range"),
    "training_time_detail": _("Wall-clock time and hardware days"),
    "training_compute_flops": _("Training compute (FLOP)"),
    "compute_methodology": _("Compute measurement methodology"),
    "training_energy_mwh": _("Training energy (MWh)"),
    "energy_methodology": _("Energy methodology, or why unknown"),
    "inference_compute": _("Benchmarked inference compute and method"),
}
LIST_HELP = _("One entry per line.")
# Column items with a fixed vocabulary.
_CHOICES = {
    "input_modalities": choices.Modality,
    "output_modalities": choices.Modality,
    "distribution_channels": choices.DistributionChannel,
    "parameter_range": choices.ParameterRange,
    "training_time": choices.TrainingTime,
}
_LONG_TEXT = {"architecture", "design_specification", "intended_uses", "training_process"}


def audience_help(spec: MDFField) -> Any:
    names = ", ".join(str(AUDIENCES[a]) for a in spec.audiences)
    return _("For: %(audiences)s") % {"audiences": names}


def _mdf_field(spec: MDFField) -> forms.Field:
    label = MDF_LABELS.get(spec.key, spec.title)
    if spec.key in _CHOICES and spec.kind == "list":
        field: forms.Field = _multi(_CHOICES[spec.key], label)
    elif spec.key in _CHOICES:
        field = _choice(_CHOICES[spec.key], label)
    elif spec.kind == "date":
        field = forms.DateField(label=label, required=False, widget=DATE)
    elif spec.key == "parameter_count":
        field = forms.IntegerField(label=label, required=False, min_value=0)
    elif spec.kind == "number":
        field = _flop_field(label)
    elif spec.kind == "list":
        field = forms.CharField(
            label=label,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=LIST_HELP,
        )
    else:
        rows = 4 if spec.key in _LONG_TEXT else 2
        field = forms.CharField(
            label=label, required=False, widget=forms.Textarea(attrs={"rows": rows})
        )
    field.help_text = field.help_text or audience_help(spec)
    return field


class MDFForm(forms.Form):
    """Every MDF item of one version, one field each, keyed as in MDF_FIELDS."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for spec in MDF_FIELDS:
            self.fields[spec.key] = _mdf_field(spec)

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        grouped: dict[int, list[forms.BoundField]] = {}
        for spec in MDF_FIELDS:
            grouped.setdefault(spec.section, []).append(self[spec.key])
        return [(MDF_SECTION_TITLES[n], fields) for n, fields in sorted(grouped.items())]

    def service_fields(self, documentation: dict[str, Any]) -> dict[str, Any]:
        """What gpai_model_version_update takes: the columns, and the documentation JSON with
        this form's items replaced (empty items are dropped: the checklist lists them)."""
        data = self.cleaned_data
        columns: dict[str, Any] = {}
        merged = dict(documentation)
        for spec in MDF_FIELDS:
            value = data.get(spec.key)
            if spec.column:
                columns[spec.key] = value
                continue
            if spec.kind == "list" and isinstance(value, str):
                value = [line.strip() for line in value.splitlines() if line.strip()]
            if value in (None, "", []):
                merged.pop(spec.key, None)
            else:
                merged[spec.key] = value
        columns["documentation"] = merged
        return columns


def mdf_initial(version: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for spec in MDF_FIELDS:
        value = (
            getattr(version, spec.key)
            if spec.column
            else (version.documentation or {}).get(spec.key)
        )
        if spec.kind == "list" and not spec.column and isinstance(value, list):
            value = "\n".join(value)
        initial[spec.key] = value
    return initial


def mdf_export(version: Any, audience: str) -> dict[str, Any]:
    """The MDF items for one audience, as JSON-ready values (dates as ISO strings)."""
    fields: dict[str, Any] = {}
    for spec in MDF_FIELDS:
        if audience not in spec.audiences:
            continue
        value = (
            getattr(version, spec.key)
            if spec.column
            else (version.documentation or {}).get(spec.key)
        )
        fields[spec.key] = value.isoformat() if isinstance(value, date) else value
    return {
        "form": "Code of Practice Model Documentation Form",
        "audience": audience,
        "model": version.model.name,
        "version": version.version,
        "fields": fields,
    }


class CoPSignatureForm(forms.Form):
    """One chapter's status (Code of Practice Signatory Form, ai-act.md 8.3)."""

    status = forms.ChoiceField(label=_("Status"), choices=choices.CoPStatus.choices)
    status_date = forms.DateField(label=_("Date of the status"), required=False, widget=DATE)
    signatory_name = forms.CharField(label=_("Signatory"), max_length=200, required=False)
    signatory_authority = forms.CharField(
        label=_("Signatory's position and authority to bind the provider"),
        max_length=200,
        required=False,
    )
    public_statement_url = forms.URLField(
        label=_("Public statement (URL)"), required=False, assume_scheme="https"
    )
    models_covered = forms.ModelMultipleChoiceField(
        label=_("Models covered"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the chapter covers all the provider's models."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    alternative_means = forms.CharField(
        label=_("Alternative adequate means (Art 53(4), 55(2))"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For a chapter you did not sign: how you show compliance with its obligations by "
            "other means. The public signatory register shows this text."
        ),
    )

    def __init__(self, *args: Any, models: Any, evidence: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["models_covered"].queryset = models
        self.fields["alternative_evidence"] = forms.ModelMultipleChoiceField(
            label=_("Evidence of the alternative means"),
            queryset=evidence,
            required=False,
            widget=forms.CheckboxSelectMultiple,
        )
