"""Incident fixtures: acme's high-risk system and systemic-risk model, and drafts about them,
built through the workspace services in acme's schema (tests run inside it)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

HIGH_RISK_FACTS = {
    "role": "provider",
    "annex_iii_area": "4(a)",
    "respondent_established_in_eu": True,
    "provider_established_in_eu": True,
    "organisation_type": "private_company",
}


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def in_acme(org_a):
    with tenant_context(org_a):
        yield org_a


def high_risk_system(actor, trade_name: str = "HireRank", facts: dict | None = None):
    from registry.workspace import services

    system = services.ai_system_create(
        actor=actor, trade_name=trade_name, role="provider", system_reference="HR 3.0"
    )
    services.system_classify(actor=actor, system=system, facts=facts or HIGH_RISK_FACTS)
    system.refresh_from_db()
    return system


@pytest.fixture
def hr_system(in_acme, alice):
    return high_risk_system(alice)


@pytest.fixture
def sr_model(in_acme, alice):
    from registry.workspace import services

    return services.gpai_model_create(
        actor=alice,
        name="Atlas-XL",
        commission_designated_systemic_risk=True,
        designated_on=date(2026, 1, 5),
    )


def aware(days_ago: int = 1) -> date:
    return timezone.localdate() - timedelta(days=days_ago)


@pytest.fixture
def draft_73(hr_system, bob):
    from registry.workspace.services.incidents import incident_draft_create

    return incident_draft_create(
        actor=bob,
        regime="art73",
        system=hr_system.pk,
        title="Qualified applicants ranked last",
        member_state="DE",
        harms=["fundamental_rights"],
        aware_on=aware(1),
        description="Applicants over 50 ranked last for a week.",
    )


@pytest.fixture
def draft_55(sr_model, bob):
    from registry.workspace.services.incidents import incident_draft_create

    return incident_draft_create(
        actor=bob,
        regime="art55",
        gpai_model=sr_model.pk,
        title="Model weights copied to an unknown host",
        harms=["cybersecurity"],
        aware_on=aware(2),
    )
