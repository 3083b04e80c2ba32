"""The copyright policy (Art 53(1)(c); Code of Practice, Copyright chapter, Measures 1.1-1.5) and
the public summaries of training content (Art 53(1)(d)).

A policy is never edited: each save adopts a new version, with who and when, and the newest is
the policy in force. Summaries are filed (``FilingKind.GPAI_TRAINING_SUMMARY``): their versions
are the register's, immutable and public."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise
from portal.errors import ValidationFailed
from registry.register.services.submit import _actor_label
from registry.workspace.choices import CopyrightMeasure, MeasureStatus
from registry.workspace.models import (
    CopyrightPolicyMeasure,
    CopyrightPolicyVersion,
    Evidence,
    GPAIModelVersion,
    TrainingContentSummary,
)
from registry.workspace.permissions import acting_user
from registry.workspace.references import choose_one_of, resolve, resolve_many
from registry.workspace.training_summary import clean_content

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_CRAWLERS = 50
MAX_RESPONSE_DAYS = 365


def _crawlers(values: Iterable[Any] | str) -> list[str]:
    if isinstance(values, str):
        values = values.splitlines()
    return [str(value).strip() for value in values if str(value).strip()]


def _measures(
    measures: Mapping[str, Mapping[str, Any]], crawlers: list[str]
) -> tuple[list[tuple[str, str, str, list[Evidence]]], dict[str, list[StrOrPromise]]]:
    """Each measure of the checklist, checked: (measure, status, text, evidence) and errors by
    field (``<measure>_status``, ``<measure>_text``, ``<measure>_evidence``)."""
    errors: dict[str, list[StrOrPromise]] = {}
    rows = []
    for key in measures:
        if key not in CopyrightMeasure.values:
            errors[key] = [choose_one_of(CopyrightMeasure.values)]
    for measure in CopyrightMeasure.values:
        given = measures.get(measure) or {}
        status = str(given.get("status") or "")
        text = str(given.get("text") or "").strip()
        if status not in MeasureStatus.values:
            errors[f"{measure}_status"] = [choose_one_of(MeasureStatus.values)]
            continue
        if status in (MeasureStatus.IMPLEMENTED, MeasureStatus.NOT_APPLICABLE) and not text:
            errors[f"{measure}_text"] = [
                _("Say how the measure is implemented, or why it does not apply.")
            ]
        if measure == CopyrightMeasure.COMPLAINTS and status == MeasureStatus.NOT_APPLICABLE:
            # Measure 1.5 applies to every provider: rights holders must be able to complain.
            errors[f"{measure}_status"] = [_("Every provider designates a point of contact.")]
        if (
            measure == CopyrightMeasure.RIGHTS_RESERVATIONS
            and status == MeasureStatus.IMPLEMENTED
            and not crawlers
        ):
            errors["crawler_user_agents"] = [
                _("Measure 1.3: publish the names of the crawlers that honour reservations.")
            ]
        try:
            evidence = resolve_many(Evidence, given.get("evidence"), field=f"{measure}_evidence")
        except ValidationFailed as refusal:
            errors.update(refusal.field_errors)
            continue
        rows.append((measure, status, text, evidence))
    return rows, errors


def _policy_state(policy: CopyrightPolicyVersion) -> dict[str, Any]:
    return {
        **model_snapshot(
            policy,
            fields=[
                "number",
                "summary",
                "crawler_user_agents",
                "point_of_contact",
                "complaint_mechanism",
                "complaint_response_days",
            ],
        ),
        "measures": {
            m.measure: {
                "status": m.status,
                "text": m.text,
                "evidence": sorted(e.pk for e in m.evidence.all()),
            }
            for m in policy.measures.all()
        },
    }


def copyright_policy_adopt(
    *,
    actor: Any,
    point_of_contact: str,
    complaint_mechanism: str,
    measures: Mapping[str, Mapping[str, Any]],
    crawler_user_agents: Iterable[Any] | str = (),
    complaint_response_days: Any = 30,
    summary: str = "",
) -> CopyrightPolicyVersion:
    """Adopt a new version of the organisation's copyright policy (Measure 1.1), with the Code's
    measures as a checklist (``measures``: measure -> status, text, evidence ids). Every earlier
    version stays as it was. Bad input refuses the whole version: nothing is written."""
    authorise(actor, "copyright_policy.adopt")
    message = _("The copyright policy could not be saved.")
    crawlers = _crawlers(crawler_user_agents)
    rows, errors = _measures(measures, crawlers)
    contact = (point_of_contact or "").strip()
    mechanism = (complaint_mechanism or "").strip()
    if not contact:
        errors["point_of_contact"] = [_("Measure 1.5: designate a point of contact.")]
    if not mechanism:
        errors["complaint_mechanism"] = [
            _("Measure 1.5: say how rights holders complain electronically (an address or a form).")
        ]
    if len(crawlers) > MAX_CRAWLERS or any(len(c) > 200 for c in crawlers):
        errors["crawler_user_agents"] = [
            _("At most %(count)d names of at most 200 characters.") % {"count": MAX_CRAWLERS}
        ]
    try:
        days = int(complaint_response_days)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= MAX_RESPONSE_DAYS:
        errors["complaint_response_days"] = [
            _("A number of days from 1 to %(max)d.") % {"max": MAX_RESPONSE_DAYS}
        ]
    if len(contact) > 254:
        errors["point_of_contact"] = [_("At most 254 characters.")]
    if len(mechanism) > 500:
        errors["complaint_mechanism"] = [_("At most 500 characters.")]
    if errors:
        raise ValidationFailed(message, field_errors=errors)
    with transaction.atomic():
        # Two editors saving at once get consecutive numbers, not the same one twice: the lock
        # on the newest version serialises them (the unique number is the backstop).
        newest = CopyrightPolicyVersion.objects.select_for_update().order_by("-number").first()
        policy = CopyrightPolicyVersion.objects.create(
            number=(newest.number + 1) if newest else 1,
            summary=(summary or "").strip(),
            crawler_user_agents=crawlers,
            point_of_contact=contact,
            complaint_mechanism=mechanism,
            complaint_response_days=days,
            created_by=acting_user(actor),
            created_by_label=_actor_label(actor),
        )
        for measure, status, text, evidence in rows:
            row = CopyrightPolicyMeasure.objects.create(
                policy=policy, measure=measure, status=status, text=text
            )
            row.evidence.set(evidence)
        audit_record(
            actor=actor,
            action="copyright_policy.adopted",
            obj=policy,
            before=_policy_state(newest) if newest else None,
            after=_policy_state(policy),
        )
    return policy


def training_summary_save(
    *, actor: Any, model_version: GPAIModelVersion | Any, content: Mapping[str, Any]
) -> TrainingContentSummary:
    """Write the summary of a model version's training content on the AI Office's template
    (Art 53(1)(d)). It reaches the public once filed and registered (``gpai_training_summary``)."""
    authorise(actor, "training_summary.write")
    version = resolve(GPAIModelVersion, model_version, field="gpai_model_version")
    cleaned, errors = clean_content(dict(content))
    if errors:
        raise ValidationFailed(
            _("The summary of training content could not be saved."), field_errors=errors
        )
    with transaction.atomic():
        summary = (
            TrainingContentSummary.objects.select_for_update().filter(model_version=version).first()
        )
        before = None if summary is None else dict(summary.content)
        if summary is None:
            summary = TrainingContentSummary(model_version=version)
        summary.content = cleaned
        summary.updated_by = acting_user(actor)
        summary.save()
        if before != cleaned:
            audit_record(
                actor=actor,
                action="training_summary.saved",
                obj=summary,
                before=before,
                after=cleaned,
            )
    return summary
