"""Bulk actions on the records lists (issue 15 item 12): assign an owner, schedule a review; one
service call per action, all or nothing, each record audited; without JavaScript a form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from portal.audit.models import AuditEvent
from portal.errors import Forbidden, ValidationFailed
from registry.workspace import services
from registry.workspace.models import QMSRecord, RiskRecord


@pytest.fixture
def risks(hirerank, bob, in_acme):  # type: ignore[no-untyped-def]
    with in_acme():
        extra = services.risk_record_create(
            actor=bob, system=hirerank, hazard="Drift", likelihood="possible", severity="minor"
        )
        return [*RiskRecord.objects.exclude(pk=extra.pk), extra]


def _owners(in_acme, rows):  # type: ignore[no-untyped-def]
    with in_acme():
        return list(
            RiskRecord.objects.filter(pk__in=[r.pk for r in rows]).values_list(
                "owner_id", flat=True
            )
        )


def test_assign_owner_changes_every_record_and_audits_each(risks, bob, alice, in_acme):  # type: ignore[no-untyped-def]
    with in_acme():
        done = services.records_assign_owner(
            actor=bob, kind="risk", records=[r.pk for r in risks], owner=alice.pk
        )
        events = AuditEvent.objects.filter(action="risk_record.updated")
        assert {e.object_id for e in events} == {str(r.pk) for r in risks}
    assert len(done) == len(risks) == 2
    assert _owners(in_acme, risks) == [alice.pk, alice.pk]


def test_one_bad_record_or_owner_changes_nothing(risks, bob, alice, cast, org_b, in_acme):  # type: ignore[no-untyped-def]
    with tenant_context(org_b):  # another organisation's record, named by its uid
        foreign = QMSRecord.objects.create(aspect="a", title="Theirs", document_version="1")
    for records, owner in (
        ([risks[0].pk, 999_999], alice.pk),  # an id that is not a record here
        ([risks[0].uid, foreign.uid], alice.pk),  # another organisation's record
        ([r.pk for r in risks], cast.carol.pk),  # an owner who is not a member
    ):
        with in_acme(), pytest.raises(ValidationFailed):
            services.records_assign_owner(actor=bob, kind="risk", records=records, owner=owner)
        assert _owners(in_acme, risks) == [None, None]
    with in_acme():
        assert not AuditEvent.objects.filter(action="risk_record.updated").exists()


def test_viewer_is_refused_by_the_service_and_the_page(risks, viewer_a, as_viewer, alice, in_acme):  # type: ignore[no-untyped-def]
    with in_acme(), pytest.raises(Forbidden):
        services.records_assign_owner(
            actor=viewer_a, kind="risk", records=[risks[0].pk], owner=alice.pk
        )
    response = as_viewer.post(
        "/records/risk/bulk/",
        {"records": [risks[0].pk], "owner": alice.pk, "action": "assign_owner"},
    )
    assert response.status_code == 403
    assert 'form="bulk"' not in as_viewer.get("/records/").content.decode()
    assert _owners(in_acme, risks) == [None, None]


def test_schedule_review_by_form_keeps_the_list_query(risks, as_bob, in_acme):  # type: ignore[no-untyped-def]
    day = timezone.localdate() + timedelta(days=14)
    response = as_bob.post(
        "/records/risk/bulk/?status=identified",
        {
            "records": [r.pk for r in risks],
            "next_review_on": day.isoformat(),
            "action": "schedule_review",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/records/?status=identified"
    with in_acme():
        assert set(RiskRecord.objects.values_list("next_review_on", flat=True)) == {day}


def test_a_past_date_or_no_selection_comes_back_with_the_error_summary(risks, as_bob, in_acme):  # type: ignore[no-untyped-def]
    past = timezone.localdate() - timedelta(days=1)
    response = as_bob.post(
        "/records/risk/bulk/",
        {
            "records": [r.pk for r in risks],
            "next_review_on": past.isoformat(),
            "action": "schedule_review",
        },
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert html.index("There is a problem") < html.index('id="bulk"')  # summary above the list
    assert "Choose today or a later date" in html
    assert (
        f'value="{risks[0].pk}" form="bulk" id="bulk-{risks[0].pk}" checked' in html
    )  # still ticked
    response = as_bob.post("/records/risk/bulk/", {"action": "schedule_review"})
    assert response.status_code == 422 and "Select at least one record" in response.content.decode()
    with in_acme():
        assert set(RiskRecord.objects.values_list("next_review_on", flat=True)) == {None}


def test_qms_records_take_the_same_actions(bob, alice, as_bob, in_acme):  # type: ignore[no-untyped-def]
    with in_acme():
        record = services.qms_record_create(
            actor=bob, aspect="a", title="Policy", document_version="1"
        )
    html = as_bob.get("/records/qms/").content.decode()
    assert f'name="records" value="{record.pk}" form="bulk"' in html
    response = as_bob.post(
        "/records/qms/bulk/", {"records": [record.pk], "owner": alice.pk, "action": "assign_owner"}
    )
    assert response.status_code == 302
    with in_acme():
        record.refresh_from_db()
    assert record.owner_id == alice.pk
