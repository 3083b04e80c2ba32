"""Serious-incident reports for the authority-side tests, sent through the provider's services as
an organisation would: a high-risk system, a workspace draft, `incident_report_submit`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tenants.utils import tenant_context

from registry.register.models.incidents import IncidentReport
from registry.register.services.incidents import incident_report_submit
from registry.workspace import services
from registry.workspace.models.incidents import IncidentDraft

HIGH_RISK = {
    "role": "provider",
    "annex_iii_area": "4(a)",
    "respondent_established_in_eu": True,
    "provider_established_in_eu": True,
}
# Annex III 6(a), law enforcement: the report is restricted (Art 74(8)).
LAW_ENFORCEMENT = {**HIGH_RISK, "annex_iii_area": "6(a)"}


def high_risk_system(actor: Any, name: str, *, restricted: bool = False) -> Any:
    system = services.ai_system_create(actor=actor, trade_name=name, role="provider")
    services.system_classify(
        actor=actor, system=system, facts=LAW_ENFORCEMENT if restricted else HIGH_RISK
    )
    system.refresh_from_db()
    return system


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
        system = high_risk_system(actor, name, restricted=restricted)
        draft = IncidentDraft.objects.create(
            regime="art73",
            system=system,
            title=f"{name} harmed an applicant",
            member_state=member_state,
            harms=list(harms),
            aware_on=timezone.localdate() - timedelta(days=aware_days_ago),
            description="A ranking error excluded an applicant with a disability.",
        )
        version = incident_report_submit(actor=actor, organisation=organisation, draft=draft)
    return IncidentReport.objects.get(pk=version.report_id)


def send_next_version(report: IncidentReport, actor: Any, *, stage: str | None = None) -> Any:
    """The next version of `report`, from the draft it was sent from."""
    organisation = report.organisation
    with tenant_context(organisation):
        draft = IncidentDraft.objects.get(register_report_id=report.pk)
        return incident_report_submit(
            actor=actor, organisation=organisation, draft=draft, stage=stage
        )
