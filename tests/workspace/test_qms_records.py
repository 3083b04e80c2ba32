from __future__ import annotations

import pytest

from portal.errors import Forbidden, ValidationFailed
from registry.workspace import services
from registry.workspace.choices import QMSAspect
from tests.workspace.helpers import counts, make_system


def _record(actor, **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("aspect", "g")
    return services.qms_record_create(
        actor=actor, title="Risk-management procedure", document_version="1.0", **kw
    )


def test_aspects_are_art_17_a_to_m():
    assert QMSAspect.values == list("abcdefghijklm")


def test_editor_records_a_qms_document_covering_systems(in_a, bob):
    one, two = make_system(bob, "One"), make_system(bob, "Two")
    record = _record(bob, systems=[one.pk, two], owner=bob)
    assert set(record.systems.all()) == {one, two}
    assert record.status == "draft"


def test_unknown_aspect_is_refused(in_a, bob):
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        _record(bob, aspect="z")
    assert "aspect" in exc.value.field_errors
    assert counts() == before


def test_covered_system_must_exist_here(in_a, bob):
    with pytest.raises(ValidationFailed) as exc:
        _record(bob, systems=[55555])
    assert "systems" in exc.value.field_errors


def test_admin_approves_and_editor_cannot(in_a, alice, bob):
    record = _record(bob)
    with pytest.raises(Forbidden):
        services.qms_record_approve(actor=bob, qms_record=record)
    approved = services.qms_record_approve(actor=alice, qms_record=record)
    assert approved.status == "approved"
    assert approved.approved_by == alice
    assert approved.approved_at is not None


def test_changing_an_approved_document_returns_it_to_draft(in_a, alice, bob):
    record = services.qms_record_approve(actor=alice, qms_record=_record(bob))
    changed = services.qms_record_update(actor=bob, qms_record=record, document_version="1.1")
    assert changed.status == "draft"
    assert changed.approved_by is None


def test_viewer_cannot_create_qms_record(in_a, viewer_a):
    with pytest.raises(Forbidden):
        _record(viewer_a)
