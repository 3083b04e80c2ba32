"""Serious-incident reports for the authority-side tests, sent through the provider's services as
an organisation would: a high-risk system, a workspace draft, then sending it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tenants.utils import tenant_context

from registry.register.models.incidents import IncidentReport
from registry.workspace.models.incidents import IncidentDraft
from registry.workspace.services.incidents import incident_draft_create, incident_draft_submit
from tests.incidents.conftest import HIGH_RISK_FACTS, high_risk_system

# Annex III 6(a), law enforcement: the report is restricted (Art 74(8)).
LAW_ENFORCEMENT = {**HIGH_RISK_FACTS, "annex_iii_area": "6(a)"}


def send_report(
    organisation: Any,
    actor: Any,
    *,
    name: str = "HireRank",
    member_state: str = "DE",
    harms: tuple[str, ...] = ("health",),
    restricted: bool = False,
    aware_days_ago: int = 1,
) -> IncidentReport:
    """Version 1 of a new Art 73 report of `organisation`, sent by `actor` (an administrator)."""
    with tenant_context(organisation):
        system = high_risk_system(
            actor, trade_name=name, facts=LAW_ENFORCEMENT if restricted else None
        )
        draft = incident_draft_create(
            actor=actor,
            regime="art73",
            system=system.pk,
            title=f"{name} harmed an applicant",
            member_state=member_state,
            harms=list(harms),
            aware_on=timezone.localdate() - timedelta(days=aware_days_ago),
            description="A ranking error excluded an applicant with a disability.",
        )
        version = incident_draft_submit(actor=actor, draft=draft)
    return IncidentReport.objects.get(pk=version.report_id)


def send_next_version(report: IncidentReport, actor: Any, *, stage: str | None = None) -> Any:
    """The next version of `report`, from the draft it was sent from."""
    with tenant_context(report.organisation):
        draft = IncidentDraft.objects.get(register_report_id=report.pk)
        return incident_draft_submit(actor=actor, draft=draft, stage=stage)
