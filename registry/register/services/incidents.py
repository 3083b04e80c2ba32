"""Sending a serious-incident report: one transaction files the workspace draft as the next
immutable version of the incident's report (Art 73(5): the first may be incomplete; Art 73(6): the
final one follows the investigation), with the clock, the recipient, the step, the PDF job and
the audit event; the PDF, the webhook and the e-mail leave once it has committed.

The draft comes from the organisation's workspace and is read here through its attributes only
(the register imports no workspace module); the caller runs in the organisation's schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Authority, AuthorityKind
from portal.audit.services import audit_record
from portal.authz import authorise
from portal.errors import Conflict, ValidationFailed
from portal.tenancy.models import Organisation
from registry.filings.canonical import canonical_json, sha256_hex
from registry.register.models import (
    INCIDENT_OPEN_STATUSES,
    SYSTEM_KINDS,
    Filing,
    FilingStatus,
    IncidentPdfJob,
    IncidentRegime,
    IncidentReport,
    IncidentReportVersion,
    IncidentStage,
    IncidentStatus,
    IncidentStep,
    IncidentStepKind,
    IncidentSubject,
)
from registry.rules import get_default_calendar
from registry.rules.incidents import (
    IncidentClock,
    IncidentClockError,
    final_due_on,
    incident_clock,
    intermediate_due_on,
)
from registry.rules.incidents import IncidentRegime as Regime

INCIDENT_SCHEMA_VERSION = "incident-1"
SNAPSHOT_KIND = "serious_incident_report"

# Annex III points whose systems report into the restricted section in every case: law
# enforcement (6) and migration, asylum and border control (7); point 1 (biometrics) when its
# registration is restricted (Art 49(4), Art 74(8)).
_RESTRICTED_AREAS = ("6", "7")
# Art 74(8): Annex III points 6, 7 and 8, and point 1 where used for law enforcement (its
# registration then restricted), have the authority the member state designated under it.
_ART_74_8_AREAS = ("6", "7", "8")

# The stages a later version may take; the initial stage is the first version's only.
LATER_STAGES = (IncidentStage.FOLLOW_UP, IncidentStage.INTERMEDIATE, IncidentStage.FINAL)


@dataclass(frozen=True)
class _Subject:
    type: str
    id: str
    name: str
    details: dict[str, Any]
    restricted: bool
    deployer: bool  # Art 26(5): the organisation deploys the system, it did not provide it
    art_74_8: bool = False  # Art 74(8): the authority the member state designated under it


def _actor_label(actor: Any) -> str:
    name = getattr(actor, "get_full_name", lambda: "")()
    email = getattr(actor, "email", "") or str(actor)
    return f"{name} <{email}>" if name and name != email else email


def incident_reference_allocate() -> str:
    """The next reference, e.g. INC-2026-000042, from a sequence: never given twice."""
    with connection.cursor() as cursor:
        cursor.execute("select nextval('public.register_incident_reference_seq')")
        (value,) = cursor.fetchone()
    return f"INC-{timezone.now().year}-{value:06d}"


def _subject(draft: Any) -> _Subject:
    if draft.regime == Regime.ART73:
        system = draft.system
        if system is None:
            raise ValidationFailed(
                _("An Art 73 report is about an AI system of this organisation."),
                field_errors={"system": [_("Choose the AI system.")]},
            )
        if system.risk_tier != "high_risk":
            # Art 73(1): serious incidents of high-risk AI systems placed on the Union market.
            raise ValidationFailed(
                _("Art 73 reports are for high-risk AI systems; this system is not classified so."),
                code="not_high_risk",
                field_errors={"system": [_("Classify the system as high-risk first.")]},
            )
        area = system.annex_iii_area or ""
        restricted = system.registration_visibility == "restricted_49_4" or area.startswith(
            _RESTRICTED_AREAS
        )
        return _Subject(
            type=IncidentSubject.AI_SYSTEM,
            id=str(system.uid),
            name=str(system),
            details={
                "trade_name": system.trade_name,
                "system_reference": system.system_reference,
                "annex_iii_area": area,
                "risk_tier": system.risk_tier,
                "operator_role": system.role,
            },
            restricted=restricted,
            art_74_8=area.startswith(_ART_74_8_AREAS)
            or (area.startswith("1") and system.registration_visibility == "restricted_49_4"),
            deployer=system.role == "deployer",
        )
    model = draft.gpai_model
    if model is None:
        raise ValidationFailed(
            _("An Art 55(1)(c) report is about a GPAI model of this organisation."),
            field_errors={"gpai_model": [_("Choose the GPAI model.")]},
        )
    if not model.systemic_risk:
        raise ValidationFailed(
            _("Art 55(1)(c) reports are for GPAI models with systemic risk."),
            code="not_systemic_risk",
            field_errors={"gpai_model": [_("This model has no systemic risk.")]},
        )
    return _Subject(
        type=IncidentSubject.GPAI_MODEL,
        id=str(model.uid),
        name=model.name,
        details={"model_family": model.model_family},
        restricted=False,
        deployer=False,
    )


def _authority(regime: str, member_state: str, *, art_74_8: bool = False) -> Authority:
    if regime == Regime.ART55:
        # Art 55(1)(c): to the AI Office.
        authority = Authority.objects.filter(kind=AuthorityKind.AI_OFFICE).order_by("pk").first()
        field = "regime"
    else:
        # Art 73(1): the market-surveillance authority of the member state where it occurred;
        # for the systems of Art 74(8) the one the member state designated under it, else (none
        # in the portal) its market-surveillance authority, read by staff with restricted access.
        designated_first = "-designated_art_74_8" if art_74_8 else "designated_art_74_8"
        authority = (
            Authority.objects.filter(
                kind=AuthorityKind.NATIONAL_MSA, member_states__contains=[member_state]
            )
            .order_by(designated_first, "pk")
            .first()
        )
        field = "member_state"
    if authority is None:
        raise ValidationFailed(
            _("No authority in the portal receives this report; send it by other means."),
            code="no_authority",
            field_errors={field: [_("No authority for this report.")]},
        )
    return authority


def _clock(draft: Any, calendar: str) -> IncidentClock:
    try:
        return incident_clock(
            regime=draft.regime,
            harms=list(draft.harms or ()),
            widespread=bool(draft.widespread),
            aware_on=draft.aware_on,
            calendar=calendar,
        )
    except IncidentClockError as exc:
        raise ValidationFailed(
            _("Choose the harm the incident caused (Art 3(49))."),
            code="invalid_incident",
            field_errors={
                key: [_("Choose harms this kind of report knows.")] for key in exc.errors
            },
        ) from exc


def _check_facts(draft: Any, subject: _Subject, today: date) -> None:
    errors: dict[str, list[Any]] = {}
    if draft.regime not in IncidentRegime.values:
        errors["regime"] = [_("Choose Art 73 or Art 55(1)(c).")]
    if draft.regime == Regime.ART73 and not draft.member_state:
        errors["member_state"] = [_("Name the member state where the incident occurred.")]
    if draft.aware_on is None or draft.aware_on > today:
        errors["aware_on"] = [_("The day you became aware cannot be in the future.")]
    if draft.occurred_on and draft.aware_on and draft.occurred_on > draft.aware_on:
        errors["occurred_on"] = [_("An incident cannot occur after you became aware of it.")]
    if draft.resolved_on and draft.resolved_on > today:
        errors["resolved_on"] = [_("The day it was resolved cannot be in the future.")]
    if not (draft.title or "").strip():
        errors["title"] = [_("Give the report a short title.")]
    if subject.deployer and not draft.provider_informed_on:
        # Art 26(5): the deployer informs the provider first, then the authority.
        errors["provider_informed_on"] = [
            _("A deployer informs the provider first (Art 26(5)); record when you did.")
        ]
    if errors:
        raise ValidationFailed(
            _("The report cannot be sent yet: correct the fields marked."), field_errors=errors
        )


def _registration(organisation: Organisation, subject: _Subject) -> Filing | None:
    filings = Filing.objects.filter(
        organisation=organisation, subject_type=subject.type, subject_id=subject.id
    )
    if subject.type == IncidentSubject.AI_SYSTEM:
        filings = filings.filter(kind__in=SYSTEM_KINDS)
    # The registered entry if there is one, else the newest.
    registered = filings.filter(registered_version_number__isnull=False).order_by("-updated_at")
    return registered.first() or filings.exclude(status=FilingStatus.WITHDRAWN).first()


def _next_stage(report: IncidentReport | None, requested: str | None, regime: str) -> str:
    if report is None:
        return IncidentStage.INITIAL
    if requested is None:
        # Art 73 speaks of a complete report after an incomplete one; the Code of Practice of
        # intermediate reports while the incident is unresolved.
        return IncidentStage.INTERMEDIATE if regime == Regime.ART55 else (IncidentStage.FOLLOW_UP)
    if requested not in LATER_STAGES:
        raise ValidationFailed(
            _("A later report is a follow-up, an intermediate or the final report."),
            code="invalid_stage",
            field_errors={"stage": [_("Choose follow-up, intermediate or final.")]},
        )
    return requested


def _snapshot(
    *,
    report: IncidentReport,
    number: int,
    stage: str,
    previous: IncidentReportVersion | None,
    submitted_at: Any,
    actor: Any,
    organisation: Organisation,
    subject: _Subject,
    draft: Any,
    calendar: str,
) -> dict[str, Any]:
    authority = report.authority
    return {
        "schema_version": INCIDENT_SCHEMA_VERSION,
        "kind": SNAPSHOT_KIND,
        "report": {
            "id": str(report.pk),
            "reference": report.reference,
            "regime": report.regime,
            "version": number,
            "stage": stage,
            "previous_version_sha256": previous.sha256 if previous else None,
            "submitted_at": submitted_at,
            "submitted_by": _actor_label(actor),
            "restricted": report.restricted,
            "authority": {"name": authority.name, "kind": authority.kind},
        },
        "organisation": {
            "legal_name": organisation.legal_name,
            "slug": organisation.slug,
            "country": str(organisation.country),
            "address": organisation.address,
            "contact_name": organisation.contact_name,
            "contact_email": organisation.contact_email,
        },
        "subject": {
            "type": subject.type,
            "id": subject.id,
            "name": subject.name,
            "registration_number": report.filing.registration_number if report.filing else None,
            **subject.details,
        },
        "incident": {
            "title": draft.title,
            "member_state": draft.member_state or None,
            "harms": sorted(draft.harms),
            "widespread": bool(draft.widespread),
            "aware_on": draft.aware_on,
            "occurred_on": draft.occurred_on,
            "description": draft.description,
            "causal_link": draft.causal_link,
            "affected": draft.affected,
            "immediate_actions": draft.immediate_actions,
            "risk_assessment": draft.risk_assessment,
            "corrective_actions": draft.corrective_actions,
            "root_cause": draft.root_cause,
            "resolved_on": draft.resolved_on,
        },
        "clock": {
            "due_on": report.due_on,
            "citation": report.clock_citation,
            "calendar": calendar,
            "first_report_at": report.first_report_at,
        },
        # Art 26(5): a deployer reports after informing the provider.
        "deployer": (
            {
                "provider_informed_on": draft.provider_informed_on,
                "note": draft.provider_informed_note,
            }
            if subject.deployer
            else None
        ),
    }


def _next_due_on(
    report: IncidentReport, stage: str, draft: Any, today: date, calendar: str
) -> date | None:
    if stage == IncidentStage.FINAL:
        return None
    if draft.resolved_on:
        return final_due_on(regime=report.regime, resolved_on=draft.resolved_on, calendar=calendar)
    return intermediate_due_on(regime=report.regime, last_report_on=today, calendar=calendar)


def incident_report_submit(
    *,
    actor: Any,
    organisation: Organisation,
    draft: Any,
    stage: str | None = None,
    calendar: str | None = None,
) -> IncidentReportVersion:
    """File ``draft`` (a workspace ``IncidentDraft``) as version 1 of a new report or the next
    version of its report. ``stage`` for a later version: ``follow_up`` (Art 73 default),
    ``intermediate`` (Art 55 default) or ``final``. Nothing is written when anything is refused."""
    authorise(actor, "incident.submit", organisation)
    calendar = calendar or get_default_calendar()
    today = timezone.localdate()
    with transaction.atomic():
        draft = type(draft)._default_manager.select_for_update().get(pk=draft.pk)
        subject = _subject(draft)
        _check_facts(draft, subject, today)
        report: IncidentReport | None = None
        if draft.register_report_id is not None:
            report = (
                IncidentReport.objects.select_for_update(of=("self",))
                .select_related("authority", "filing")
                .get(pk=draft.register_report_id, organisation=organisation)
            )
            if report.status not in INCIDENT_OPEN_STATUSES:
                raise Conflict(
                    _("Report %(reference)s is %(status)s: no further version can be sent.")
                    % {"reference": report.reference, "status": report.get_status_display()},
                    code="incident_not_open",
                )
            if (report.regime, report.subject_id) != (draft.regime, subject.id):
                raise Conflict(
                    _("A report keeps its kind and its subject; start a new report instead."),
                    code="incident_subject_changed",
                )
        stage = _next_stage(report, stage, draft.regime)
        clock = _clock(draft, calendar)
        submitted_at = timezone.now()
        if report is None:
            report = IncidentReport(
                organisation=organisation,
                reference=incident_reference_allocate(),
                regime=draft.regime,
                subject_type=subject.type,
                subject_id=subject.id,
                authority=_authority(draft.regime, draft.member_state, art_74_8=subject.art_74_8),
                member_state=draft.member_state or "",
                restricted=subject.restricted,
                aware_on=draft.aware_on,
                # The clock of the initial report, set once: later versions do not move it.
                due_on=clock.due_on,
                clock_citation=clock.citation,
                first_report_at=submitted_at,
                latest_number=0,
            )
            report.filing = _registration(organisation, subject)
            previous = None
        else:
            previous = report.versions.order_by("-number").first()
        answering = report.status == IncidentStatus.INFORMATION_REQUESTED
        number = report.latest_number + 1
        report.subject_name = subject.name
        report.harms = sorted(set(draft.harms))
        report.widespread = bool(draft.widespread)
        # Never narrowed: a report once restricted stays so (as filings, Art 49(4)).
        report.restricted = report.restricted or subject.restricted
        report.latest_number = number
        report.latest_stage = stage
        report.latest_report_at = submitted_at
        report.next_due_on = _next_due_on(report, stage, draft, today, calendar)
        if stage == IncidentStage.FINAL:
            report.status = IncidentStatus.FINAL_SUBMITTED
        elif answering:
            report.status = IncidentStatus.ACKNOWLEDGED
        if answering:
            report.information_due_on = None
        report.save()
        canonical = canonical_json(
            _snapshot(
                report=report,
                number=number,
                stage=stage,
                previous=previous,
                submitted_at=submitted_at,
                actor=actor,
                organisation=organisation,
                subject=subject,
                draft=draft,
                calendar=calendar,
            )
        )
        version = IncidentReportVersion.objects.create(
            report=report,
            number=number,
            stage=stage,
            canonical=canonical.decode("utf-8"),
            snapshot=json.loads(canonical),
            sha256=sha256_hex(canonical),
            previous_sha256=previous.sha256 if previous else "",
            submitted_at=submitted_at,
            submitted_by_id=getattr(actor, "pk", None) if not hasattr(actor, "has_scope") else None,
            submitted_by_label=_actor_label(actor),
        )
        IncidentStep.objects.create(
            report=report,
            kind=IncidentStepKind.INFORMATION_PROVIDED if answering else IncidentStepKind.SUBMITTED,
            actor_label=_actor_label(actor),
            version_number=number,
        )
        job = IncidentPdfJob.objects.create(version=version)
        draft.register_report_id = report.pk
        draft.last_submitted_number = number
        draft.last_submitted_at = submitted_at
        draft.save(
            update_fields=[
                "register_report_id",
                "last_submitted_number",
                "last_submitted_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="incident.submitted",
            obj=version,
            after={
                "reference": report.reference,
                "version": number,
                "stage": stage,
                "sha256": version.sha256,
                "authority": report.authority.name,
                "due_on": report.due_on,
            },
            organisation_id=organisation.pk,
        )
        transaction.on_commit(lambda: _after_submit(version.pk, job.pk))
    return version


def _after_submit(version_id: int, job_id: int) -> None:
    from registry.filings.tasks import enqueue_incident_pdf
    from registry.register.services.incident_events import incident_event_emit
    from registry.register.services.incident_notifications import notify_incident_submitted

    enqueue_incident_pdf(job_id)
    incident_event_emit(version_id=version_id, event="incident.submitted")  # never raises
    notify_incident_submitted(version_id)


__all__ = ["INCIDENT_SCHEMA_VERSION", "incident_reference_allocate", "incident_report_submit"]
