"""AI systems and their classification."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise
from portal.errors import Conflict, ValidationFailed
from registry import rules
from registry.workspace.dates import facts_date_errors
from registry.workspace.models import AISystem, Classification, Evidence
from registry.workspace.permissions import acting_user
from registry.workspace.references import check_fields, full_clean, get_for_update, resolve

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from registry.workspace.services.evidence import evidence_link

EVIDENCE_FIELDS = ("certificate_scan", "declaration_of_conformity", "instructions_for_use")
ARRAY_FIELDS = ("member_states", "art6_3_conditions")
# What a person may set on a system; the classification fields are set by system_classify.
SYSTEM_FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [name for item in rules.ANNEX_VIII_ITEMS for name in item.fields]
        + list(rules.CONDITION_FIELDS)
        + ["role", "annex_iii_area", "internal_notes", "provider_registration_number"]
    )
)


def _assign(system: AISystem, fields: dict[str, Any]) -> None:
    check_fields(fields, SYSTEM_FIELDS)
    errors: dict[str, list[StrOrPromise]] = {}
    for name, value in fields.items():
        if name in EVIDENCE_FIELDS:
            value = None if value in (None, "") else resolve(Evidence, value, field=name)
        elif name in ARRAY_FIELDS:
            if not isinstance(value, list | tuple):
                errors[name] = [_("Must be a list.")]
                continue
            value = list(dict.fromkeys(value))
        elif name == "provider_established_in_eu" and value not in (None, True, False):
            errors[name] = [_("Must be true, false or null.")]
            continue
        elif value is None and name not in ("certificate_expiry_date",):
            value = ""
        setattr(system, name, value)
    if errors:
        raise ValidationFailed(_("The AI system could not be saved."), field_errors=errors)


def _snapshot(system: AISystem) -> dict[str, Any]:
    return model_snapshot(system)


def _claim_loose_evidence(actor: User, system: AISystem, fields: dict[str, Any]) -> None:
    """A file cited as this system's certificate, declaration or instructions that belongs to
    nothing yet becomes the system's evidence: a filing cites only its subject's own files or
    shared ones (``filing_gate``). A file of another subject is left alone, so filing refuses it."""
    ids = {getattr(system, f"{name}_id") for name in EVIDENCE_FIELDS if name in fields} - {None}
    if not ids:
        return
    loose = Evidence.objects.filter(
        pk__in=ids,
        shared=False,
        systems__isnull=True,
        gpai_models__isnull=True,
        risk_records__isnull=True,
        qms_records__isnull=True,
    )
    for evidence in loose:
        evidence_link(actor=actor, evidence=evidence, systems=[system])


@transaction.atomic
def ai_system_create(*, actor: User, trade_name: str, role: str, **fields: Any) -> AISystem:
    """Add an AI system; any Annex VIII item may be given now or later (``SYSTEM_FIELDS``)."""
    authorise(actor, "system.create")
    system = AISystem(
        trade_name=(trade_name or "").strip(), role=role, created_by=acting_user(actor)
    )
    _assign(system, fields)
    full_clean(system, "The AI system could not be saved.", exclude=["created_by"])
    system.save()
    audit_record(actor=actor, action="system.created", obj=system, after=_snapshot(system))
    _claim_loose_evidence(actor, system, fields)
    return system


@transaction.atomic
def ai_system_update(*, actor: User, system: AISystem | int, **fields: Any) -> AISystem:
    authorise(actor, "system.change")
    system = get_for_update(AISystem, system)
    before = _snapshot(system)
    _assign(system, fields)
    full_clean(system, "The AI system could not be saved.", exclude=["created_by"])
    system.save()
    after = _snapshot(system)
    if after != before:
        audit_record(actor=actor, action="system.updated", obj=system, before=before, after=after)
    _claim_loose_evidence(actor, system, fields)
    return system


@transaction.atomic
def ai_system_delete(*, actor: User, system: AISystem | int) -> None:
    """Remove a system with its classifications and risk records (admins only)."""
    authorise(actor, "system.delete")
    system = get_for_update(AISystem, system)
    # A draft files this system's data (and names it in the register once submitted): deleting
    # the system would orphan the draft, so the database refuses it; say so, and which drafts.
    drafts = list(system.filing_drafts.order_by("id").values_list("id", "kind"))
    if drafts:
        raise Conflict(
            _("A filing draft names this system; delete the draft first."),
            code="system_has_filing_drafts",
            field_errors={"filing_drafts": [f"{pk} ({kind})" for pk, kind in drafts]},
        )
    before = _snapshot(system)
    audit_record(actor=actor, action="system.deleted", obj=system, before=before)
    # The pointer to the latest classification goes first: it would block the cascade.
    AISystem.objects.filter(pk=system.pk).update(latest_classification=None)
    system.delete()


@transaction.atomic
def system_classify(
    *,
    actor: User,
    system: AISystem | int,
    facts: dict[str, Any],
    calendar: str | None = None,
) -> Classification:
    """Run the rules engine on ``facts`` and keep the result as the system's latest
    classification; earlier ones stay as history. The facts' role and Annex III area, when
    given, become the system's."""
    authorise(actor, "system.classify")
    system = get_for_update(AISystem, system)
    try:
        parsed = rules.parse_facts(facts)
        result = rules.classify(parsed, calendar=calendar)
    except rules.FactsError as exc:
        raise ValidationFailed(
            str(exc),
            code=exc.code,
            field_errors={key: [message] for key, message in exc.errors.items()},
        ) from exc
    except rules.CalendarError as exc:
        raise ValidationFailed(
            str(exc), code=exc.code, field_errors={"calendar": [str(exc)]}
        ) from exc
    status = parsed.date_status.value if parsed.date_status is not None else None
    dates = facts_date_errors(parsed.placed_on_market_date, status)
    if dates:
        raise ValidationFailed(_("The facts could not be classified."), field_errors=dates)
    before = _snapshot(system)
    classification = Classification.objects.create(
        system=system,
        facts=rules.facts_to_dict(parsed),
        result=result.to_dict(),
        risk_tier=result.risk_tier.value,
        calendar=result.calendar.value,
        ruleset_version=result.ruleset_version,
        classified_by=acting_user(actor),
    )
    system.latest_classification = classification
    system.risk_tier = result.risk_tier.value
    system.registration_section = getattr(result.registration_section, "value", "") or ""
    system.registration_visibility = getattr(result.registration_visibility, "value", "") or ""
    system.compliance_deadline = result.compliance_deadline
    if parsed.role is not None:
        system.role = parsed.role.value
    if parsed.annex_iii_area is not None:
        system.annex_iii_area = parsed.annex_iii_area.value
    system.save()
    audit_record(
        actor=actor,
        action="system.classified",
        obj=classification,
        before=before,
        after={**_snapshot(system), "classification": model_snapshot(classification)},
    )
    return classification


def system_reclassify(*, actor: User, system: AISystem | int) -> Classification:
    """Re-run the system's latest classification with today's rules: same facts, same calendar.

    A result from an older ruleset (``selectors.classification_is_current`` is False) is re-run
    this way; facts stored under contract 1 stay valid and mean the same (classification-contract.md).
    """
    authorise(actor, "system.classify")
    latest = get_for_update(AISystem, system).latest_classification
    if latest is None:
        raise ValidationFailed(
            _("The AI system has no classification to re-run; classify it first."),
            code="not_classified",
        )
    return system_classify(actor=actor, system=system, facts=latest.facts, calendar=latest.calendar)
