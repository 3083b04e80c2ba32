from __future__ import annotations

from datetime import date

import pytest

from portal.audit.models import AuditEvent
from portal.errors import Forbidden, ValidationFailed
from registry.workspace import services
from tests.workspace.helpers import counts, make_system

RISK = {
    "hazard": "Under-triage of atypical presentations",
    "likelihood": "possible",
    "severity": "critical",
}


def test_editor_records_a_risk_with_every_art_9_item(in_a, bob, alice):
    system = make_system(bob)
    record = services.risk_record_create(
        actor=bob,
        system=system.pk,
        affected_persons="Patients",
        fundamental_rights=["life_and_integrity", "non_discrimination"],
        mitigation="Subgroup validation",
        mitigation_type="design",
        residual_risk="medium",
        owner=alice.pk,
        status="mitigating",
        next_review_on=date(2027, 1, 1),
        **RISK,
    )
    assert record.system == system
    assert record.owner == alice
    assert AuditEvent.objects.filter(
        action="risk_record.created", object_id=str(record.pk)
    ).exists()


def test_viewer_cannot_create_a_risk_record(in_a, bob, viewer_a):
    system = make_system(bob)
    before = counts()
    with pytest.raises(Forbidden):
        services.risk_record_create(actor=viewer_a, system=system, **RISK)
    assert counts() == before


def test_wrong_likelihood_and_rights_are_refused(in_a, bob):
    system = make_system(bob)
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        services.risk_record_create(
            actor=bob,
            system=system,
            hazard="x",
            likelihood="sometimes",
            severity="critical",
            fundamental_rights=["happiness"],
        )
    assert {"likelihood", "fundamental_rights"} <= set(exc.value.field_errors)
    assert counts() == before


def test_owner_must_be_a_member_of_the_organisation(in_a, bob, carol):
    system = make_system(bob)
    with pytest.raises(ValidationFailed) as exc:
        services.risk_record_create(actor=bob, system=system, owner=carol, **RISK)
    assert "owner" in exc.value.field_errors


def test_record_for_an_unknown_system_is_refused(in_a, bob):
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        services.risk_record_create(actor=bob, system=987654, **RISK)
    assert exc.value.code == "unknown_reference"
    assert "system" in exc.value.field_errors
    assert counts() == before


def test_update_is_audited_with_before_and_after(in_a, bob):
    record = services.risk_record_create(actor=bob, system=make_system(bob), **RISK)
    services.risk_record_update(
        actor=bob, risk_record=record, status="accepted", residual_risk="low"
    )
    event = AuditEvent.objects.get(action="risk_record.updated")
    assert (event.before["status"], event.after["status"]) == ("open", "accepted")
