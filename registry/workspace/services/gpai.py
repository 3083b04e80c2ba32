"""General-purpose AI models and their versions (Arts 51-55, Code of Practice MDF)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise
from portal.errors import ValidationFailed
from registry import rules
from registry.workspace.dates import gpai_version_date_errors, past_only
from registry.workspace.mdf import documentation_errors
from registry.workspace.models import GPAIModel, GPAIModelVersion
from registry.workspace.permissions import acting_user
from registry.workspace.references import check_fields, full_clean, get_for_update

MODEL_FIELDS = (
    "name",
    "model_family",
    "description",
    "commission_designated_systemic_risk",
    "designated_on",
)
VERSION_FIELDS = (
    "documentation_version",
    "documentation_updated_on",
    "release_date",
    "union_release_date",
    "architecture",
    "parameter_count",
    "parameter_range",
    "input_modalities",
    "output_modalities",
    "distribution_channels",
    "licence",
    "open_source",
    "monetised",
    "training_compute_flops",
    "training_time",
    "training_energy_mwh",
    "documentation",
    "threshold_known_on",
    "art52_notified_on",
)
ARRAY_FIELDS = ("input_modalities", "output_modalities", "distribution_channels")
NULLABLE = {
    "documentation_updated_on",
    "release_date",
    "union_release_date",
    "parameter_count",
    "training_compute_flops",
    "training_energy_mwh",
    "threshold_known_on",
    "art52_notified_on",
    "designated_on",
}


def _assign(obj: Any, fields: dict[str, Any], allowed: tuple[str, ...], message: str) -> None:
    check_fields(fields, allowed)
    errors: dict[str, list[str]] = {}
    for name, value in fields.items():
        if name in ARRAY_FIELDS and not isinstance(value, list | tuple):
            errors[name] = ["Must be a list."]
            continue
        if name == "documentation":
            errors.update(documentation_errors(value))
        if name == "training_compute_flops" and isinstance(value, bool):
            errors[name] = ["Must be a number of FLOP."]
            continue
        if value is None and name not in NULLABLE and name != "documentation":
            value = ""
        setattr(obj, name, list(dict.fromkeys(value)) if name in ARRAY_FIELDS else value)
    if errors:
        raise ValidationFailed(message, field_errors=errors)


def _derive(version: GPAIModelVersion, model: GPAIModel) -> None:
    """Risk tier, systemic risk and the Art 52 due date, from the rules engine: systemic risk
    by the Art 51(2) compute presumption or by Commission designation (Art 51(1)(b))."""
    released = version.release_date
    facts: dict[str, Any] = {
        "role": "provider",
        "is_gpai_model": True,
        "training_flops": version.training_compute_flops,
        "open_source_release": version.open_source,
        "monetised": version.monetised,
        "commission_designated_systemic_risk": model.commission_designated_systemic_risk,
    }
    if isinstance(released, date):
        facts["placed_on_market_date"] = released
        facts["date_status"] = "actual" if released <= timezone.localdate() else "planned"
    result = rules.classify(facts)
    version.classification = result.to_dict()
    version.risk_tier = result.risk_tier.value
    version.systemic_risk = result.risk_tier is rules.RiskTier.GPAI_SYSTEMIC_RISK
    known = version.threshold_known_on
    version.art52_notification_due = (
        rules.art52_notification_due(known)
        if version.systemic_risk and isinstance(known, date)
        else None
    )


def _refresh_model_flag(model: GPAIModel) -> None:
    flag = (
        model.commission_designated_systemic_risk
        or model.versions.filter(systemic_risk=True).exists()
    )
    if flag != model.systemic_risk:
        model.systemic_risk = flag
        model.save(update_fields=["systemic_risk", "updated_at"])


def _clean_model_dates(model: GPAIModel) -> None:
    """A designation (Art 52(4)) is a decision already taken: not dated in the future."""
    dates = past_only(model, ("designated_on",))
    if dates:
        raise ValidationFailed(_("The model could not be saved."), field_errors=dates)


def _clean_version(version: GPAIModelVersion) -> None:
    message = _("The model version could not be saved.")
    full_clean(version, message, exclude=["created_by", "model"])
    dates = gpai_version_date_errors(version)
    if dates:
        raise ValidationFailed(message, field_errors=dates)
    if version.art52_notified_on and not version.systemic_risk:
        raise ValidationFailed(
            message,
            field_errors={
                "art52_notified_on": [
                    _("Art 52 notification applies to systemic-risk models only.")
                ]
            },
        )


@transaction.atomic
def gpai_model_create(*, actor: User, name: str, **fields: Any) -> GPAIModel:
    authorise(actor, "gpai.write")
    model = GPAIModel(name=(name or "").strip(), created_by=acting_user(actor))
    _assign(model, fields, MODEL_FIELDS, "The model could not be saved.")
    model.systemic_risk = model.commission_designated_systemic_risk
    full_clean(model, "The model could not be saved.", exclude=["created_by"])
    _clean_model_dates(model)
    model.save()
    audit_record(actor=actor, action="gpai_model.created", obj=model, after=model_snapshot(model))
    return model


@transaction.atomic
def gpai_model_update(*, actor: User, model: GPAIModel | int, **fields: Any) -> GPAIModel:
    """Change a model; a change of Commission designation re-derives every version."""
    authorise(actor, "gpai.write")
    model = get_for_update(GPAIModel, model)
    before = model_snapshot(model)
    _assign(model, fields, MODEL_FIELDS, "The model could not be saved.")
    full_clean(model, "The model could not be saved.", exclude=["created_by"])
    _clean_model_dates(model)
    model.save()
    if before["commission_designated_systemic_risk"] != model.commission_designated_systemic_risk:
        for version in model.versions.select_for_update():
            _derive(version, model)
            version.save()
    _refresh_model_flag(model)
    after = model_snapshot(model)
    if after != before:
        audit_record(
            actor=actor, action="gpai_model.updated", obj=model, before=before, after=after
        )
    return model


@transaction.atomic
def gpai_model_version_create(
    *, actor: User, model: GPAIModel | int, version: str, **fields: Any
) -> GPAIModelVersion:
    """Add a version with its MDF items; its tier and Art 52 dates are derived, not given."""
    authorise(actor, "gpai.write")
    model = get_for_update(GPAIModel, model)
    row = GPAIModelVersion(
        model=model, version=(version or "").strip(), created_by=acting_user(actor)
    )
    _assign(row, fields, VERSION_FIELDS, "The model version could not be saved.")
    full_clean(row, "The model version could not be saved.", exclude=["created_by", "model"])
    _derive(row, model)
    _clean_version(row)
    row.save()
    _refresh_model_flag(model)
    audit_record(
        actor=actor, action="gpai_model_version.created", obj=row, after=model_snapshot(row)
    )
    return row


@transaction.atomic
def gpai_model_version_update(
    *, actor: User, model_version: GPAIModelVersion | int, **fields: Any
) -> GPAIModelVersion:
    authorise(actor, "gpai.write")
    row = get_for_update(GPAIModelVersion, model_version)
    # The label is part of the version's identity (filings cite it, Art 52(1), Annex XI): set
    # at creation only. Given unchanged (a form sends it back), it is no change.
    if fields.pop("version", row.version) != row.version:
        raise ValidationFailed(
            _("The model version could not be saved."),
            field_errors={"version": [_("The version label cannot be changed.")]},
        )
    before = model_snapshot(row)
    _assign(row, fields, VERSION_FIELDS, "The model version could not be saved.")
    full_clean(row, "The model version could not be saved.", exclude=["created_by", "model"])
    _derive(row, row.model)
    _clean_version(row)
    row.save()
    _refresh_model_flag(row.model)
    after = model_snapshot(row)
    if after != before:
        audit_record(
            actor=actor, action="gpai_model_version.updated", obj=row, before=before, after=after
        )
    return row
