from __future__ import annotations

import hashlib
import json
import re

import pytest
from django.db import DatabaseError, connection, transaction

from portal.audit.models import AuditEvent
from portal.errors import Conflict, ValidationFailed
from registry.register.models import (
    EvidenceBlob,
    Filing,
    FilingVersion,
    PdfJob,
    SnapshotImmutable,
)
from registry.register.services.submit import filing_version_submit
from tests.register.factories import evidence_file, submission


def test_submit_writes_version_index_job_and_audit_in_one_go(alice, org_a, no_enqueue):
    version = filing_version_submit(actor=alice, submission=submission(org_a))
    filing = version.filing
    assert re.fullmatch(r"EU-AI-\d{4}-\d{6}", filing.registration_number)
    assert (filing.status, filing.latest_version_number, filing.member_states) == (
        "submitted",
        1,
        ["DE"],
    )
    assert version.sha256 == hashlib.sha256(version.canonical.encode()).hexdigest()
    assert json.loads(version.canonical) == version.snapshot
    assert version.snapshot["filing"]["registration_number"] == filing.registration_number
    assert version.snapshot["filing"]["submitted_by"] == "Alice Admin <alice@acme.test>"
    assert PdfJob.objects.get(version=version).state == "queued"
    assert AuditEvent.objects.filter(action="filing.submitted", object_id=str(version.pk)).exists()


def test_pdf_is_enqueued_only_after_commit(
    alice, org_a, no_enqueue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = filing_version_submit(actor=alice, submission=submission(org_a))
    assert no_enqueue == [version.pdf_job.pk]


def test_evidence_is_copied_content_addressed_and_listed_in_snapshot(
    alice, org_a, tmp_path, no_enqueue
):
    item = evidence_file(tmp_path)
    version = filing_version_submit(actor=alice, submission=submission(org_a, evidence=(item,)))
    blob = EvidenceBlob.objects.get(sha256=item.sha256)
    assert blob.storage_path.endswith(item.sha256)
    assert version.snapshot["evidence"] == [
        {
            "name": "conformity.pdf",
            "sha256": item.sha256,
            "size": item.size,
            "content_type": "application/pdf",
        }
    ]


def test_evidence_changed_on_disk_is_refused_and_nothing_written(
    alice, org_a, tmp_path, no_enqueue
):
    item = evidence_file(tmp_path)
    item.path.write_bytes(b"tampered")
    before = (Filing.objects.count(), FilingVersion.objects.count(), PdfJob.objects.count())
    with pytest.raises(ValidationFailed) as excinfo:
        filing_version_submit(actor=alice, submission=submission(org_a, evidence=(item,)))
    assert excinfo.value.code == "evidence_mismatch"
    assert (Filing.objects.count(), FilingVersion.objects.count(), PdfJob.objects.count()) == before


def test_second_version_while_first_awaits_review_is_refused(alice, org_a, no_enqueue):
    filing_version_submit(actor=alice, submission=submission(org_a))
    with pytest.raises(Conflict) as excinfo:
        filing_version_submit(actor=alice, submission=submission(org_a))
    assert excinfo.value.code == "version_awaiting_review"
    assert FilingVersion.objects.count() == 1


def test_unknown_kind_is_refused(alice, org_a, no_enqueue):
    bad = submission(org_a)
    object.__setattr__(bad, "kind", "annex_ix")
    with pytest.raises(ValidationFailed):
        filing_version_submit(actor=alice, submission=bad)
    assert Filing.objects.count() == 0


def test_registration_numbers_are_unique_and_never_reused(alice, org_a, no_enqueue):
    first = filing_version_submit(actor=alice, submission=submission(org_a, subject_id="one"))
    with pytest.raises(RuntimeError), transaction.atomic():
        filing_version_submit(actor=alice, submission=submission(org_a, subject_id="two"))
        raise RuntimeError("roll the second filing back")
    third = filing_version_submit(actor=alice, submission=submission(org_a, subject_id="three"))
    n1 = int(first.filing.registration_number[-6:])
    n3 = int(third.filing.registration_number[-6:])
    assert n3 == n1 + 2  # the rolled-back number is gone for good


def test_orm_refuses_to_change_or_delete_a_submitted_version(alice, org_a, no_enqueue):
    version = filing_version_submit(actor=alice, submission=submission(org_a))
    version.canonical = "{}"
    with pytest.raises(SnapshotImmutable):
        version.save()
    with pytest.raises(SnapshotImmutable):
        version.save(update_fields=["canonical"])
    with pytest.raises(SnapshotImmutable):
        version.delete()


def test_database_refuses_raw_sql_that_rewrites_a_snapshot(alice, org_a, no_enqueue):
    version = filing_version_submit(actor=alice, submission=submission(org_a))
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "update register_filingversion set canonical = '{}' where id = %s", [version.pk]
            )
    with pytest.raises(DatabaseError, match="cannot be deleted"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("delete from register_filingversion where id = %s", [version.pk])


def test_longest_trade_name_and_reference_fit_the_filing(alice, org_a, no_enqueue):
    name = "T" * 200 + " " + "R" * 200  # AISystem allows 200 characters for each
    version = filing_version_submit(
        actor=alice,
        submission=submission(org_a, subject={"type": "ai_system", "id": "long", "name": name}),
    )
    assert version.filing.subject_name == name
