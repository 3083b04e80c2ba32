"""Demo serious-incident reports for `make run` (issue 16), once the workspaces and filings exist.

- Helios, TalentLens Screening: an incident recorded but not sent, its Art 73(2) deadline two
  days away (the clock on the dashboard, the system page and /incidents/).
- Helios, TriageAssist ED: a report the Federal Network Agency acknowledged and asked about,
  the answer due in two days; and a closed one, with its final report (Art 73(6)).
- Nimbus, Nimbus Large: an Art 55(1)(c) report to the AI Office of a weights exfiltration
  (CoP Measure 9.3: five days), its next intermediate report due in four weeks.

Idempotent (an incident whose title exists is left alone). Reports are sent through the same
services as real ones; the authority's steps through its services (incident_review) when the
portal has them, else written here as that service would.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tenants.utils import tenant_context

from portal.accounts.models import AuthorityMembership, Membership, Role, User
from portal.tenancy.models import Organisation
from registry.register.models import IncidentReport, IncidentStatus, IncidentStep
from registry.workspace.models import AISystem, GPAIModel, IncidentDraft
from registry.workspace.services.incidents import (
    incident_draft_create,
    incident_draft_submit,
    incident_draft_update,
)


def _owner(organisation: Organisation) -> User:
    membership = Membership.objects.filter(organisation=organisation, role=Role.OWNER).first()
    if membership is None:
        raise RuntimeError(f"{organisation.slug} has no owner")
    return membership.user


def _days_ago(days: int) -> Any:
    return timezone.localdate() - timedelta(days=days)


def _step(report: IncidentReport, actor: User | None, kind: str, **fields: Any) -> None:
    """An authority's step, through its service when the portal has it."""
    try:
        incident_review: Any = import_module("registry.register.services.incident_review")
    except ImportError:
        incident_review = None
    service = {
        "acknowledged": "incident_acknowledge",
        "information_requested": "incident_request_information",
        "closed": "incident_close",
    }[kind]
    if incident_review is not None and actor is not None and hasattr(incident_review, service):
        getattr(incident_review, service)(actor=actor, report=report, **fields)
        return
    # Without the authority's services: the same rows, written as the service would.
    status = {
        "acknowledged": IncidentStatus.ACKNOWLEDGED,
        "information_requested": IncidentStatus.INFORMATION_REQUESTED,
        "closed": IncidentStatus.CLOSED,
    }[kind]
    with transaction.atomic():
        IncidentStep.objects.create(
            report=report,
            kind=kind,
            actor_label=actor.email if actor else report.authority.name,
            authority=report.authority,
            note=fields.get("question") or fields.get("note") or "",
            due_on=fields.get("due_on"),
        )
        report.status = status
        if kind == "information_requested":
            report.information_due_on = fields["due_on"]
        if kind == "closed":
            report.closed_at = timezone.now()
        report.save()


def _record(actor: User, title: str, **facts: Any) -> IncidentDraft | None:
    if IncidentDraft.objects.filter(title=title).exists():
        return None
    return incident_draft_create(actor=actor, title=title, **facts)


def _helios(owner: User, created: list[str]) -> list[tuple[IncidentReport, str]]:
    talent = AISystem.objects.filter(trade_name="TalentLens Screening").first()
    triage = AISystem.objects.filter(trade_name="TriageAssist ED").first()
    steps: list[tuple[IncidentReport, str]] = []
    if talent is not None and _record(
        owner,
        "Applicants over 55 ranked last for a week",
        regime="art73",
        system=talent.pk,
        member_state="DE",
        harms=["fundamental_rights"],
        aware_on=_days_ago(13),
        description="A feature update weighted the years since graduation; applicants over 55 "
        "were ranked last in 40 vacancies before a recruiter noticed.",
        causal_link="Established: the ranking model's feature weights.",
    ):
        created.append("incident draft (TalentLens Screening, due in 2 days)")
    if triage is None:
        return steps
    asked = _record(
        owner,
        "Chest-pain patient triaged as non-urgent",
        regime="art73",
        system=triage.pk,
        member_state="DE",
        harms=["health"],
        aware_on=_days_ago(6),
        description="A patient with atypical chest pain was placed in the non-urgent queue and "
        "waited 3 hours; a nurse re-triaged them.",
        immediate_actions="Nurses re-triage every 'non-urgent' chest-pain case by hand.",
    )
    if asked is not None:
        version = incident_draft_submit(actor=owner, draft=asked)
        steps += [(version.report, "acknowledged"), (version.report, "information_requested")]
        created.append(f"incident {version.report.reference} (information requested)")
    closed = _record(
        owner,
        "Sepsis alert suppressed after a software update",
        regime="art73",
        system=triage.pk,
        member_state="DE",
        harms=["health"],
        aware_on=_days_ago(40),
        description="Version 2.0.3 suppressed the sepsis alert for patients over 80.",
    )
    if closed is not None:
        initial = incident_draft_submit(actor=owner, draft=closed)
        # The authority acknowledges the initial report before the final one arrives (a step
        # is refused once the final report is in: incident_review.TRANSITIONS).
        _step(initial.report, _lead_of(initial.report), "acknowledged")
        incident_draft_update(
            actor=owner,
            draft=closed,
            risk_assessment="Risk to patients over 80 with sepsis; no lasting harm found.",
            corrective_actions="Rolled back to 2.0.2; regression test for age thresholds added.",
            root_cause="An age cap in a refactored feature pipeline.",
            resolved_on=_days_ago(20),
        )
        final = incident_draft_submit(actor=owner, draft=closed, stage="final")
        steps += [(final.report, "closed")]
        created.append(f"incident {final.report.reference} (closed)")
    return steps


def _nimbus(owner: User, created: list[str]) -> list[tuple[IncidentReport, str]]:
    large = GPAIModel.objects.filter(name="Nimbus Large", systemic_risk=True).first()
    if large is None:
        return []
    draft = _record(
        owner,
        "Model weights copied to an unknown host",
        regime="art55",
        gpai_model=large.pk,
        harms=["cybersecurity"],
        aware_on=_days_ago(3),
        description="A compromised build credential was used to copy a Nimbus Large 3.0 "
        "checkpoint to an external host.",
        immediate_actions="Credential revoked; the host's provider asked to take it down.",
    )
    if draft is not None:
        version = incident_draft_submit(actor=owner, draft=draft)
        created.append(f"incident {version.report.reference} (AI Office)")
    return []


SEEDERS: dict[str, Callable[[User, list[str]], list[tuple[IncidentReport, str]]]] = {
    "helios": _helios,
    "nimbus": _nimbus,
}


def _lead_of(report: IncidentReport) -> User | None:
    membership = (
        AuthorityMembership.objects.filter(authority_id=report.authority_id, role="lead")
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def seed_incident_demo() -> list[str]:
    created: list[str] = []
    steps: list[tuple[IncidentReport, str]] = []
    for slug, seeder in SEEDERS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is not None:
            with tenant_context(organisation):
                steps += seeder(_owner(organisation), created)
    # The authority acts in the public schema, never in an organisation's: a lead of the
    # authority the report was addressed to (the demo's Federal Network Agency on `make run`).
    for report, kind in steps:
        report.refresh_from_db()
        lead = _lead_of(report)
        fields: dict[str, Any] = {}
        if kind == "information_requested":
            fields = {
                "question": "Which software version was running, and how many patients were "
                "triaged by it since?",
                "due_on": timezone.localdate() + timedelta(days=2),
            }
        elif kind == "closed":
            fields = {"note": "Corrective action verified on site."}
        _step(report, lead, kind, **fields)
    return created
