from __future__ import annotations

import pytest

from portal.audit.models import AuditEvent
from portal.errors import Forbidden, NotFound, ValidationFailed
from registry import rules
from registry.workspace import services
from registry.workspace.models import AISystem
from tests.workspace.helpers import counts, make_system


def test_editor_creates_a_system_and_the_creation_is_audited(in_a, bob):
    system = make_system(bob, member_states=["DE", "FR"], status="on_market")
    assert system.created_by == bob
    assert system.member_states == ["DE", "FR"]
    event = AuditEvent.objects.get(action="system.created")
    assert event.object_id == str(system.pk)
    assert event.after["trade_name"] == "Triage helper"


def test_every_annex_viii_field_is_a_field_of_the_system():
    names = {f.name for f in AISystem._meta.get_fields()}
    for item in rules.ANNEX_VIII_ITEMS:
        for field in item.fields:
            assert field in names, f"{item.code} {field}"
    for field in rules.CONDITION_FIELDS:
        assert field in names


def test_viewer_cannot_create_a_system(in_a, viewer_a):
    before = counts()
    with pytest.raises(Forbidden) as exc:
        make_system(viewer_a)
    assert exc.value.code == "permission_denied"
    assert counts() == before


def test_outsider_cannot_create_a_system(in_a, carol):
    with pytest.raises(Forbidden) as exc:
        make_system(carol)
    assert exc.value.code == "not_a_member"


def test_wrong_enum_values_are_refused_naming_each_field(in_a, bob):
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        make_system(bob, status="sold", member_states=["DE", "XX"], annex_iii_area="9(z)")
    assert {"status", "member_states", "annex_iii_area"} <= set(exc.value.field_errors)
    assert counts() == before


def test_unknown_fields_are_refused(in_a, bob):
    with pytest.raises(ValidationFailed) as exc:
        make_system(bob, risk_tier="minimal_risk", colour="blue")
    assert exc.value.code == "unknown_fields"
    assert set(exc.value.field_errors) == {"colour", "risk_tier"}


def test_role_must_be_a_rules_role(in_a, bob):
    with pytest.raises(ValidationFailed) as exc:
        make_system(bob, role="seller")
    assert "role" in exc.value.field_errors


def test_update_changes_fields_and_records_before_and_after(in_a, bob):
    system = make_system(bob)
    services.ai_system_update(actor=bob, system=system.pk, intended_purpose="Triage")
    event = AuditEvent.objects.get(action="system.updated")
    assert event.before["intended_purpose"] == ""
    assert event.after["intended_purpose"] == "Triage"


def test_update_with_a_bad_value_writes_nothing(in_a, bob):
    system = make_system(bob)
    before = counts()
    with pytest.raises(ValidationFailed):
        services.ai_system_update(actor=bob, system=system, additional_information_url="nope")
    assert counts() == before
    system.refresh_from_db()
    assert system.additional_information_url == ""


def test_duplicate_trade_name_and_reference_is_refused(in_a, bob):
    make_system(bob, system_reference="v1")
    with pytest.raises(ValidationFailed):
        make_system(bob, system_reference="v1")


def test_update_of_unknown_system_is_not_found(in_a, bob):
    with pytest.raises(NotFound):
        services.ai_system_update(actor=bob, system=999_999, trade_name="x")


def test_editor_cannot_delete_a_system_but_admin_can(in_a, alice, bob):
    system = make_system(bob)
    services.system_classify(actor=bob, system=system, facts={"role": "provider"})
    with pytest.raises(Forbidden):
        services.ai_system_delete(actor=bob, system=system)
    services.ai_system_delete(actor=alice, system=system)
    assert not AISystem.objects.exists()
    assert AuditEvent.objects.filter(action="system.deleted").count() == 1


def test_workspace_services_refuse_to_run_in_the_public_schema(bob):
    with pytest.raises(Forbidden) as exc:
        make_system(bob)
    assert exc.value.code == "no_organisation"
