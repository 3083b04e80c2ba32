"""The Code of Practice Model Documentation Form (Transparency chapter, Measure 1.1; ai-act.md
8.2) as data.

Each item names its MDF section, its recipients (AIO: AI Office, NCA: national competent
authorities, DP: downstream providers; AIO and NCA items are given only on request) and where
it is stored: a column of ``GPAIModelVersion`` or a key of its ``documentation`` JSON. Exports
filter by audience with ``fields_for_audience``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

AIO, NCA, DP = "aio", "nca", "dp"
ALL = (AIO, NCA, DP)
AUTHORITIES = (AIO, NCA)


@dataclass(frozen=True, slots=True)
class MDFField:
    key: str
    section: int
    title: str
    audiences: tuple[str, ...]
    kind: str = "text"  # text | url | date | number | list | bool
    column: bool = False  # stored as a GPAIModelVersion column, not in ``documentation``


MDF_FIELDS: tuple[MDFField, ...] = (
    # Header.
    MDFField("documentation_updated_on", 0, "Document last updated", ALL, "date", column=True),
    MDFField("documentation_version", 0, "Document version number", ALL, column=True),
    # 1. General information.
    MDFField("provider_legal_name", 1, "Legal name of the provider", ALL),
    MDFField("model_identifier", 1, "Unique model identifier and versions covered", ALL),
    MDFField("model_authenticity", 1, "Model authenticity (hash or endpoint URL)", ALL),
    MDFField("release_date", 1, "Release date (first release, any channel)", ALL, "date", True),
    MDFField("union_release_date", 1, "Union market release date", ALL, "date", column=True),
    MDFField("model_dependencies", 1, "Models it was fine-tuned or modified from", ALL),
    # 2. Model properties.
    MDFField("architecture", 2, "Architecture (about 20 words)", ALL, column=True),
    MDFField("design_specification", 2, "Design specifications (about 100 words)", ALL),
    MDFField("input_modalities", 2, "Input modalities", ALL, "list", column=True),
    MDFField("max_input_size", 2, "Maximum input size per modality", ALL),
    MDFField("output_modalities", 2, "Output modalities", ALL, "list", column=True),
    MDFField("max_output_size", 2, "Maximum output size per modality", ALL),
    MDFField("parameter_count", 2, "Total model size (parameters)", AUTHORITIES, "number", True),
    MDFField("parameter_range", 2, "Parameter range", ALL, column=True),
    # 3. Methods of distribution and licences.
    MDFField("distribution_channels", 3, "Distribution channels", ALL, "list", column=True),
    MDFField("licence", 3, "Licence", ALL, column=True),
    MDFField("other_assets", 3, "Other assets made available", ALL),
    # 4. Use.
    MDFField("acceptable_use_policy", 4, "Acceptable-use policy (link or 'none')", ALL),
    MDFField("intended_uses", 4, "Intended uses, or restricted and prohibited uses", ALL),
    MDFField("integrable_system_types", 4, "Types of AI systems it can be integrated into", ALL),
    MDFField("integration_means", 4, "Technical means for integration", ALL),
    MDFField("required_hardware", 4, "Required hardware", ALL),
    MDFField("required_software", 4, "Required software", ALL),
    # 5. Training process.
    MDFField("training_process", 5, "Design specification of the training process", ALL),
    MDFField(
        "training_rationale", 5, "Decision rationale and optimisation objectives", AUTHORITIES
    ),
    # 6. Data used for training, testing and validation.
    MDFField("data_modalities", 6, "Data types or modalities", ALL, "list"),
    MDFField("data_provenance", 6, "Data provenance", ALL, "list"),
    MDFField("data_acquisition", 6, "How the data was obtained and selected", AUTHORITIES),
    MDFField("data_points", 6, "Number of data points (size and units)", AUTHORITIES),
    MDFField("data_scope", 6, "Scope and main characteristics", ALL),
    MDFField("data_curation", 6, "Curation methods", AUTHORITIES),
    MDFField("unsuitable_data_measures", 6, "Measures to detect unsuitable sources", AUTHORITIES),
    MDFField("bias_measures", 6, "Measures to detect identifiable biases", AUTHORITIES),
    # 7. Computational resources (training).
    MDFField("training_time", 7, "Training time range", AUTHORITIES, column=True),
    MDFField("training_time_detail", 7, "Wall-clock time and hardware days", AUTHORITIES),
    MDFField("training_compute_flops", 7, "Training compute (FLOP)", AUTHORITIES, "number", True),
    MDFField("compute_methodology", 7, "Compute measurement methodology", AUTHORITIES),
    # 8. Energy consumption.
    MDFField("training_energy_mwh", 8, "Training energy (MWh)", AUTHORITIES, "number", True),
    MDFField("energy_methodology", 8, "Energy methodology, or why unknown", AUTHORITIES),
    MDFField("inference_compute", 8, "Benchmarked inference compute and method", AUTHORITIES),
)

MDF_BY_KEY: Mapping[str, MDFField] = {f.key: f for f in MDF_FIELDS}
DOCUMENTATION_KEYS: tuple[str, ...] = tuple(f.key for f in MDF_FIELDS if not f.column)


def fields_for_audience(audience: str) -> tuple[MDFField, ...]:
    return tuple(f for f in MDF_FIELDS if audience in f.audiences)


def _kind_error(kind: str, value: Any) -> str | None:
    if kind in ("text", "url"):
        if not isinstance(value, str):
            return _("Must be text.")
        if kind == "url" and value and not value.startswith(("https://", "http://")):
            return _("Must be an http or https URL.")
    elif kind == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return _("Must be a list of texts.")
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _("Must be a number.")
    elif kind == "date":
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return _("Must be a date, YYYY-MM-DD.")
    return None


def documentation_errors(documentation: Any) -> dict[str, list[str]]:
    """Field errors for the ``documentation`` JSON of a version, keyed ``documentation.<key>``."""
    if not isinstance(documentation, Mapping):
        return {"documentation": [_("Must be an object keyed by the form's field names.")]}
    errors: dict[str, list[str]] = {}
    for key, value in documentation.items():
        field = MDF_BY_KEY.get(key)
        if field is None:
            errors[f"documentation.{key}"] = [_("Not a field of the Model Documentation Form.")]
        elif field.column:
            errors[f"documentation.{key}"] = [
                _("A field of its own; set '%(key)s' directly.") % {"key": key}
            ]
        elif value is not None and (message := _kind_error(field.kind, value)):
            errors[f"documentation.{key}"] = [message]
    return errors
