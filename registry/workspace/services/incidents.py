"""Serious-incident drafts: prepare, change, discard, and send them to the authority (the register's
``incident_report_submit`` files each send as the next immutable version)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise
from portal.errors import Conflict, ValidationFailed
from registry import rules
from registry.register.models import IncidentRegime, IncidentReportVersion
from registry.register.services.incidents import incident_report_submit
from registry.rules.incidents import IncidentRegime as Regime
from registry.rules.incidents import harms_of
from registry.workspace.models import AISystem, GPAIModel
from registry.workspace.models.incidents import IncidentDraft
from registry.workspace.permissions import acting_user, current_organisation
from registry.workspace.references import choose_one_of, resolve

# What a person or an integration may write on a draft (the subject and regime are set once).
TEXT_FIELDS = (
    "title",
    "description",
    "causal_link",
    "affected",
    "immediate_actions",
    "risk_assessment",
    "corrective_actions",
    "root_cause",
    "provider_informed_note",
)
DATE_FIELDS = ("aware_on", "occurred_on", "resolved_on", "provider_informed_on")
FIELDS = (*TEXT_FIELDS, *DATE_FIELDS, "member_state", "harms", "widespread")
TITLE_MAX = 200


def _date(name: str, value: Any, errors: dict[str, list[Any]]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        errors[name] = [_("Enter a date as YYYY-MM-DD.")]
    return parsed


def _clean(regime: str, values: dict[str, Any]) -> dict[str, Any]:
    """The given fields, checked and typed; every bad one named at once, nothing written."""
    errors: dict[str, list[Any]] = {}
    cleaned: dict[str, Any] = {}
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        errors.update({name: [_("Unknown field.")] for name in unknown})
    for name in TEXT_FIELDS:
        if name in values:
            value = values[name]
            if value is not None and not isinstance(value, str):
                errors[name] = [_("Enter text.")]
                continue
            cleaned[name] = (value or "").strip()
    if "title" in cleaned and len(cleaned["title"]) > TITLE_MAX:
        errors["title"] = [_("At most 200 characters.")]
    for name in DATE_FIELDS:
        if name in values:
            cleaned[name] = _date(name, values[name], errors)
    if "member_state" in values:
        state = values["member_state"] or ""
        if state and state not in {m.value for m in rules.MemberState}:
            errors["member_state"] = [choose_one_of(rules.MemberState)]
        cleaned["member_state"] = state
    if "harms" in values:
        harms = values["harms"]
        allowed = harms_of(regime, rules.get_default_calendar())
        if not isinstance(harms, list) or not all(isinstance(h, str) for h in harms):
            errors["harms"] = [_("Choose one or more harms.")]
        elif not harms or not set(harms) <= allowed:
            errors["harms"] = [choose_one_of(sorted(allowed))]
        else:
            cleaned["harms"] = sorted(set(harms))
    if "widespread" in values:
        if not isinstance(values["widespread"], bool):
            errors["widespread"] = [_("Answer yes or no.")]
        cleaned["widespread"] = bool(values["widespread"])
    if errors:
        raise ValidationFailed(_("Correct the fields marked."), field_errors=errors)
    return cleaned


def incident_draft_create(
    *,
    actor: Any,
    regime: str,
    system: Any = None,
    gpai_model: Any = None,
    **values: Any,
) -> IncidentDraft:
    """A new incident draft about one AI system (Art 73) or GPAI model (Art 55(1)(c))."""
    authorise(actor, "incident.prepare")
    if regime not in IncidentRegime.values:
        raise ValidationFailed(
            _("Choose the kind of report."),
            field_errors={"regime": [choose_one_of(IncidentRegime.values)]},
        )
    subject: dict[str, Any]
    if regime == Regime.ART73:
        if system in (None, ""):
            raise ValidationFailed(
                _("Choose the AI system."), field_errors={"system": [_("Choose the AI system.")]}
            )
        subject = {"system": resolve(AISystem, system, field="system")}
    else:
        if gpai_model in (None, ""):
            raise ValidationFailed(
                _("Choose the GPAI model."),
                field_errors={"gpai_model": [_("Choose the GPAI model.")]},
            )
        subject = {"gpai_model": resolve(GPAIModel, gpai_model, field="gpai_model")}
    cleaned = _clean(regime, values)
    missing = {
        name: [_("This field is required.")]
        for name in ("title", "aware_on", "harms")
        if not cleaned.get(name)
    }
    if missing:
        raise ValidationFailed(_("Correct the fields marked."), field_errors=missing)
    with transaction.atomic():
        draft = IncidentDraft.objects.create(
            regime=regime, created_by=acting_user(actor), **subject, **cleaned
        )
        audit_record(
            actor=actor, action="incident_draft.created", obj=draft, after=model_snapshot(draft)
        )
    return draft


def incident_draft_update(*, actor: Any, draft: IncidentDraft, **values: Any) -> IncidentDraft:
    """Change the facts of a draft; what changed is sent with the next version."""
    authorise(actor, "incident.prepare")
    cleaned = _clean(draft.regime, values)
    for name in ("title", "aware_on", "harms"):
        if name in cleaned and not cleaned[name]:
            raise ValidationFailed(
                _("Correct the fields marked."),
                field_errors={name: [_("This field is required.")]},
            )
    with transaction.atomic():
        locked = IncidentDraft.objects.select_for_update().get(pk=draft.pk)
        moved = "aware_on" in cleaned and cleaned["aware_on"] != locked.aware_on
        if locked.register_report_id is not None and moved:
            # The clock ran from the first report's awareness date; it does not move.
            raise Conflict(
                _("The awareness date of a sent report cannot change."),
                code="incident_aware_on_fixed",
            )
        before = model_snapshot(locked)
        for name, value in cleaned.items():
            setattr(locked, name, value)
        locked.save()
        audit_record(
            actor=actor,
            action="incident_draft.updated",
            obj=locked,
            before=before,
            after=model_snapshot(locked),
        )
    return locked


def incident_draft_discard(*, actor: Any, draft: IncidentDraft) -> None:
    """Throw away a draft never sent; once sent it is the organisation's side of the report."""
    authorise(actor, "incident.prepare")
    with transaction.atomic():
        locked = IncidentDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.register_report_id is not None:
            raise Conflict(
                _("This report has been sent: its versions stay with the authority."),
                code="incident_sent",
            )
        audit_record(
            actor=actor,
            action="incident_draft.discarded",
            obj=locked,
            before=model_snapshot(locked),
        )
        locked.delete()


def incident_draft_submit(
    *, actor: Any, draft: IncidentDraft, stage: str | None = None
) -> IncidentReportVersion:
    """Send the draft to the authority as the next version of its report."""
    organisation = current_organisation()
    with transaction.atomic():
        version = incident_report_submit(
            actor=actor, organisation=organisation, draft=draft, stage=stage
        )
        audit_record(
            actor=actor,
            action="incident_draft.submitted",
            obj=draft,
            after={
                "reference": version.report.reference,
                "version": version.number,
                "sha256": version.sha256,
            },
        )
    return version


__all__ = [
    "incident_draft_create",
    "incident_draft_discard",
    "incident_draft_submit",
    "incident_draft_update",
]
