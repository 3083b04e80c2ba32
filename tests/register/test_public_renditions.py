"""The public copy of a registered version: made when a regulator registers it, fixed, rendered by
the PDF pipeline (docs/decisions/0008-public-rendition.md)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from registry.filings.canonical import canonical_json, sha256_hex
from registry.register import storage
from registry.register.models import PublicRendition
from registry.register.selectors import public_snapshot
from registry.register.services.integrity import register_verify
from registry.register.services.pdf_jobs import public_rendition_run, public_renditions_stalled
from registry.register.services.public_renditions import public_renditions_ensure
from registry.register.services.review import (
    filing_register,
    filing_request_changes,
    filing_start_review,
)
from registry.register.services.submit import filing_version_submit
from tests.register.factories import submission


@pytest.fixture
def public_sent(monkeypatch):
    sent: list[int] = []
    monkeypatch.setattr(
        "registry.filings.tasks.enqueue_public_pdf", lambda rendition_id: sent.append(rendition_id)
    )
    return sent


def test_registering_makes_one_public_copy_of_the_public_part(
    alice, org_a, lead_de, no_enqueue, public_sent, django_capture_on_commit_callbacks
):
    version = filing_version_submit(actor=alice, submission=submission(org_a))
    filing_start_review(actor=lead_de, filing=version.filing)
    assert not PublicRendition.objects.exists()  # submitted, in review: nothing public yet
    with django_capture_on_commit_callbacks(execute=True):
        filing_register(actor=lead_de, filing=version.filing)
    version.refresh_from_db()
    copy = PublicRendition.objects.get()
    expected = canonical_json(public_snapshot(version.snapshot))
    assert (copy.version, copy.canonical.encode(), copy.sha256) == (
        version,
        expected,
        sha256_hex(expected),
    )
    assert copy.state == "queued" and public_sent == [copy.pk]  # rendered once committed


def test_versions_never_registered_get_no_public_copy(alice, org_a, lead_de, no_enqueue):
    version = filing_version_submit(actor=alice, submission=submission(org_a))
    filing_request_changes(
        actor=lead_de, filing=version.filing, comments=[{"field": "A4", "body": "Version?"}]
    )
    assert not PublicRendition.objects.exists()


def test_restricted_registration_gets_no_public_copy(alice, org_a, reviewer_fr, no_enqueue):
    version = filing_version_submit(
        actor=alice, submission=submission(org_a, restricted=True, member_states=("FR",))
    )
    filing_register(actor=reviewer_fr, filing=version.filing)
    assert not PublicRendition.objects.exists()
    assert public_renditions_ensure() == []


def test_superseded_registration_keeps_its_public_copy(alice, org_a, lead_de, no_enqueue):
    first = filing_version_submit(actor=alice, submission=submission(org_a))
    filing_register(actor=lead_de, filing=first.filing)
    second = filing_version_submit(actor=alice, submission=submission(org_a))
    filing_register(actor=lead_de, filing=second.filing)
    first.refresh_from_db()
    assert first.status == "superseded"
    assert {c.version.number for c in PublicRendition.objects.all()} == {1, 2}


def test_ensure_makes_the_copies_of_registrations_from_before_public_copies(
    alice, org_a, lead_de, no_enqueue, monkeypatch
):
    with monkeypatch.context() as before:
        before.setattr(
            "registry.register.services.review.public_rendition_create", lambda version: None
        )
        version = filing_version_submit(actor=alice, submission=submission(org_a))
        filing_register(actor=lead_de, filing=version.filing)
    assert not PublicRendition.objects.exists()
    (created,) = public_renditions_ensure()
    assert PublicRendition.objects.get(pk=created).version == version
    assert public_renditions_ensure() == []  # idempotent: portal_setup runs it every start


def test_public_part_cannot_be_changed_or_deleted_even_with_sql(alice, org_a, lead_de, no_enqueue):
    version = filing_version_submit(actor=alice, submission=submission(org_a))
    filing_register(actor=lead_de, filing=version.filing)
    for statement in (
        "update register_publicrendition set canonical = replace(canonical, 'HireRank', 'X')",
        "delete from register_publicrendition",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)


def test_public_copy_renders_and_verify_register_notices_tampering(
    alice, org_a, lead_de, no_enqueue
):
    version = filing_version_submit(actor=alice, submission=submission(org_a))
    filing_register(actor=lead_de, filing=version.filing)
    copy = PublicRendition.objects.get()
    assert public_rendition_run(rendition_id=copy.pk) == "ready"
    assert public_rendition_run(rendition_id=copy.pk) == "skipped"  # a second delivery
    copy.refresh_from_db()
    assert storage.file_sha256(copy.storage_path) == copy.pdf_sha256
    assert register_verify()[1] == []
    path = storage.absolute_path(copy.storage_path)
    path.write_bytes(path.read_bytes() + b"%tampered")
    (problem,) = register_verify()[1]
    assert "public copy" in str(problem) and "does not hash" in str(problem)


def test_sweeper_finds_stalled_public_copies(alice, org_a, lead_de, no_enqueue):
    version = filing_version_submit(actor=alice, submission=submission(org_a))
    filing_register(actor=lead_de, filing=version.filing)
    copy = PublicRendition.objects.get()
    assert public_renditions_stalled() == []
    PublicRendition.objects.filter(pk=copy.pk).update(
        queued_at=timezone.now() - timedelta(minutes=5)
    )
    assert public_renditions_stalled() == [copy.pk]
