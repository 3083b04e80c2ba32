from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django_tenants.utils import tenant_context

from portal.audit.models import AuditEvent, AuditImmutable
from portal.audit.services import audit_record


def _event(actor):
    with transaction.atomic():
        return audit_record(actor=actor, action="test.happened", after={"x": 1})


def test_audit_event_records_actor_and_request_id(alice):
    event = _event(alice)
    assert event.actor_id == alice.pk
    assert event.actor_label == alice.email
    assert event.action == "test.happened"


def test_orm_refuses_to_update_an_audit_event(alice):
    event = _event(alice)
    event.action = "rewritten"
    with pytest.raises(AuditImmutable):
        event.save()
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(action="rewritten")


def test_orm_refuses_to_delete_an_audit_event(alice):
    event = _event(alice)
    with pytest.raises(AuditImmutable):
        event.delete()
    with pytest.raises(AuditImmutable):
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_database_refuses_raw_update_of_an_audit_event(alice):
    event = _event(alice)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("update audit_auditevent set action = 'x' where id = %s", [event.pk])


def test_database_refuses_raw_delete_in_an_organisation_schema(alice, org_a):
    with tenant_context(org_a):
        event = _event(alice)
        assert event.organisation_id == org_a.pk
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("delete from audit_auditevent where id = %s", [event.pk])


def test_audit_helper_refuses_to_write_outside_a_transaction(alice, django_db_blocker):
    # pytest-django wraps tests in a transaction; leave it to see the helper's guard.
    connection.in_atomic_block, saved = False, connection.in_atomic_block
    try:
        with pytest.raises(RuntimeError, match="inside the audited change"):
            audit_record(actor=alice, action="test.outside")
    finally:
        connection.in_atomic_block = saved


def test_organisation_audit_trail_lives_in_its_own_schema(alice, org_a, org_b):
    with tenant_context(org_a):
        _event(alice)
        in_a = AuditEvent.objects.filter(action="test.happened").count()
    with tenant_context(org_b):
        in_b = AuditEvent.objects.filter(action="test.happened").count()
    assert (in_a, in_b) == (1, 0)
