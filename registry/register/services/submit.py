"""Submitting to the register: one transaction writes the immutable version, its evidence copies,
the queue index, the PDF job and the audit events; the PDF is enqueued once it has committed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record
from portal.errors import Conflict, ValidationFailed
from portal.tenancy.models import Organisation
from registry.filings.canonical import SNAPSHOT_SCHEMA_VERSION, canonical_json, sha256_hex
from registry.register import storage
from registry.register.models import (
    EvidenceBlob,
    Filing,
    FilingEvidence,
    FilingKind,
    FilingStatus,
    FilingVersion,
    PdfJob,
)
from registry.register.services.numbers import registration_number_allocate

# A new version may follow these statuses; while a version awaits review it must be withdrawn
# or decided first, so a regulator never reviews a version that is already out of date.
RESUBMITTABLE = {
    FilingStatus.CHANGES_REQUESTED,
    FilingStatus.REGISTERED,
    FilingStatus.REJECTED,
    FilingStatus.WITHDRAWN,
}


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    path: Path  # the workspace copy; read, never moved
    sha256: str
    size: int
    content_type: str


@dataclass(frozen=True)
class Submission:
    """Everything the register needs from the workspace to file one version."""

    organisation: Organisation
    kind: str
    subject_type: str
    subject_id: str
    subject_name: str
    body: dict[str, Any]  # organisation, subject, registration, classification, summaries
    evidence: tuple[EvidenceFile, ...] = ()
    restricted: bool = False
    member_states: tuple[str, ...] = ()
    annex_iii_area: str = ""
    risk_tier: str = ""
    # What the submitter confirmed (the workspace's declaration), recorded in the version with
    # who confirmed it and when; "" for filings made without one (tests of the register alone).
    declaration: str = ""


def _actor_label(actor: Any) -> str:
    name = getattr(actor, "get_full_name", lambda: "")()
    email = getattr(actor, "email", "") or str(actor)
    return f"{name} <{email}>" if name and name != email else email


def _copy_evidence(files: tuple[EvidenceFile, ...]) -> list[tuple[EvidenceBlob, str]]:
    copied = []
    for item in files:
        with item.path.open("rb") as source:
            sha, size, relative = storage.store_stream("evidence", source)
        if sha != item.sha256:
            # The workspace file no longer has the bytes its record names: refuse rather than
            # file evidence that does not match what the organisation saw.
            raise ValidationFailed(
                _("Evidence '%(name)s' changed on disk since it was uploaded.")
                % {"name": item.name},
                code="evidence_mismatch",
            )
        blob, _created = EvidenceBlob.objects.get_or_create(
            sha256=sha,
            defaults={"size": size, "content_type": item.content_type, "storage_path": relative},
        )
        copied.append((blob, item.name))
    return copied


def filing_version_submit(*, actor: Any, submission: Submission) -> FilingVersion:
    if submission.kind not in FilingKind.values:
        raise ValidationFailed(
            _("Unknown kind of filing: %(kind)s.") % {"kind": submission.kind}, code="unknown_kind"
        )
    with transaction.atomic():
        filing = (
            Filing.objects.select_for_update()
            .filter(
                organisation=submission.organisation,
                kind=submission.kind,
                subject_type=submission.subject_type,
                subject_id=submission.subject_id,
            )
            .first()
        )
        previous: FilingVersion | None = None
        if filing is not None:
            previous = filing.versions.order_by("-number").first()
            if previous is not None and previous.status not in RESUBMITTABLE:
                raise Conflict(
                    _(
                        "Version %(number)d of %(registration)s has the status %(status)s; wait "
                        "for the decision or withdraw it before filing a new version."
                    )
                    % {
                        "number": previous.number,
                        "registration": filing.registration_number,
                        "status": previous.get_status_display(),
                    },
                    code="version_awaiting_review",
                )
        else:
            filing = Filing(
                organisation=submission.organisation,
                kind=submission.kind,
                subject_type=submission.subject_type,
                subject_id=submission.subject_id,
                registration_number=registration_number_allocate(),
            )
        number = previous.number + 1 if previous else 1
        submitted_at = timezone.now()
        evidence = _copy_evidence(submission.evidence)
        snapshot = {
            **submission.body,
            "schema_version": SNAPSHOT_SCHEMA_VERSION,
            "kind": submission.kind,
            "filing": {
                "reference": str(filing.id),
                "registration_number": filing.registration_number,
                "version": number,
                "previous_version_sha256": previous.sha256 if previous else None,
                "submitted_at": submitted_at,
                "submitted_by": _actor_label(actor),
                "restricted": submission.restricted,
                **(
                    {
                        "declaration": {
                            "statement": submission.declaration,
                            "confirmed_by": _actor_label(actor),
                            "confirmed_at": submitted_at,
                        }
                    }
                    if submission.declaration
                    else {}
                ),
            },
            "evidence": [
                {
                    "name": name,
                    "sha256": blob.sha256,
                    "size": blob.size,
                    "content_type": blob.content_type,
                }
                for blob, name in sorted(evidence, key=lambda pair: (pair[1], pair[0].sha256))
            ],
        }
        canonical = canonical_json(snapshot)
        filing.subject_name = submission.subject_name
        filing.status = FilingStatus.SUBMITTED
        # Never narrowed by a new version: once restricted, always restricted; an authority
        # that could see a version keeps seeing the filing (registry.register.selectors).
        filing.restricted = filing.restricted or submission.restricted
        filing.member_states = sorted(
            set(filing.member_states or ()) | set(submission.member_states)
        )
        filing.annex_iii_area = submission.annex_iii_area
        filing.risk_tier = submission.risk_tier
        filing.latest_version_number = number
        filing.latest_submitted_at = submitted_at
        filing.save()
        version = FilingVersion.objects.create(
            filing=filing,
            number=number,
            schema_version=SNAPSHOT_SCHEMA_VERSION,
            canonical=canonical.decode("utf-8"),
            snapshot=json.loads(canonical),
            sha256=sha256_hex(canonical),
            previous_sha256=previous.sha256 if previous else "",
            submitted_at=submitted_at,
            submitted_by_id=getattr(actor, "pk", None),
            submitted_by_label=_actor_label(actor),
            status=FilingStatus.SUBMITTED,
            restricted=submission.restricted,
            member_states=sorted(set(submission.member_states)),
        )
        FilingEvidence.objects.bulk_create(
            [FilingEvidence(version=version, blob=blob, name=name) for blob, name in evidence]
        )
        job = PdfJob.objects.create(version=version)
        audit_record(
            actor=actor,
            action="filing.submitted",
            obj=version,
            after={
                "registration_number": filing.registration_number,
                "version": number,
                "sha256": version.sha256,
                "kind": submission.kind,
            },
            organisation_id=submission.organisation.pk,
        )
        transaction.on_commit(lambda: _after_submit(version.pk, job.pk))
    return version


def _after_submit(version_id: int, job_id: int) -> None:
    from registry.filings.tasks import enqueue_pdf
    from registry.register.services.events import filing_event_emit
    from registry.register.services.notifications import notify_new_filing

    enqueue_pdf(job_id)
    filing_event_emit(version_id=version_id, event="filing.submitted")  # never raises
    notify_new_filing(version_id)
