"""Evidence files: checked, content-addressed per organisation, linked to what they support."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise
from portal.errors import Conflict, ValidationFailed
from registry.workspace import uploads
from registry.workspace.models import AISystem, Evidence, GPAIModel, QMSRecord, RiskRecord
from registry.workspace.permissions import acting_user, current_organisation
from registry.workspace.references import get_for_update, resolve_many

LINKS = {
    "systems": AISystem,
    "gpai_models": GPAIModel,
    "risk_records": RiskRecord,
    "qms_records": QMSRecord,
}


def evidence_storage_name(schema_name: str, sha256: str) -> str:
    """The file's name under MEDIA_ROOT: evidence/<schema>/<sha256[:2]>/<sha256>."""
    return f"evidence/{schema_name}/{sha256[:2]}/{sha256}"


def _incoming_dir(schema_name: str) -> Path:
    # On the same file system as the final place, so moving a checked file there is atomic.
    return Path(settings.MEDIA_ROOT) / "evidence" / schema_name / ".incoming"


def _resolve_links(links: dict[str, Iterable[Any] | None]) -> dict[str, list[Any]]:
    return {name: resolve_many(LINKS[name], values, field=name) for name, values in links.items()}


def _snapshot(evidence: Evidence) -> dict[str, Any]:
    data = model_snapshot(evidence)
    for name in LINKS:
        data[name] = sorted(getattr(evidence, name).values_list("pk", flat=True))
    return data


@transaction.atomic
def evidence_upload(
    *,
    actor: User,
    file: IO[bytes] | Any,
    filename: str,
    title: str = "",
    description: str = "",
    systems: Iterable[Any] = (),
    gpai_models: Iterable[Any] = (),
    risk_records: Iterable[Any] = (),
    qms_records: Iterable[Any] = (),
    shared: bool = False,
) -> Evidence:
    """Check and store an uploaded file, linked to the given systems, models and records;
    ``shared`` marks it as the organisation's, citable by any of its filings.

    ``file`` is any binary stream (an UploadedFile is read in chunks); it is hashed while it is
    written to a temporary file, and reading stops at EVIDENCE_MAX_BYTES. The bytes must sniff
    as the type the extension names (PDF, PNG, JPEG, text, CSV, Markdown, JSON, DOCX, XLSX,
    ODT); executables, PDFs with active content and zip bombs are refused. On refusal nothing
    is left: no row, no file. The same bytes uploaded again return the existing evidence with
    the new links added and ``stored_before`` set (its title and description are kept).
    """
    authorise(actor, "evidence.write")
    organisation = current_organisation()
    # References first: a bad id is refused before a single byte is read.
    linked = _resolve_links(
        {
            "systems": systems,
            "gpai_models": gpai_models,
            "risk_records": risk_records,
            "qms_records": qms_records,
        }
    )
    safe_name = os.path.basename(str(filename or "").replace("\\", "/")).strip()[:255]
    if not safe_name:
        raise ValidationFailed(
            _("The file needs a name."), code="invalid", field_errors={"filename": [_("Required.")]}
        )
    received = uploads.receive(file, safe_name, _incoming_dir(organisation.schema_name))
    moved_here: Path | None = None
    try:
        existing = Evidence.objects.select_for_update().filter(sha256=received.sha256).first()
        if existing is not None:
            received.path.unlink(missing_ok=True)
            if shared and not existing.shared:
                _set_shared(actor, existing, shared=True)
            evidence = _link(actor, existing, linked, action="evidence.linked")
            evidence.stored_before = True  # the caller says so: its title and description stay
            return evidence
        name = evidence_storage_name(organisation.schema_name, received.sha256)
        target = Path(settings.MEDIA_ROOT) / name
        evidence = Evidence(
            title=(title or safe_name)[:200],
            description=description,
            original_filename=safe_name,
            sha256=received.sha256,
            size=received.size,
            content_type=received.content_type,
            uploaded_by=acting_user(actor),
            shared=bool(shared),
        )
        evidence.file.name = name
        evidence.save()
        for link_name, rows in linked.items():
            getattr(evidence, link_name).set(rows)
        audit_record(
            actor=actor, action="evidence.uploaded", obj=evidence, after=_snapshot(evidence)
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            # Same bytes left by an upload whose transaction rolled back: content-addressed,
            # so the file on disk is already the right one.
            received.path.unlink(missing_ok=True)
        else:
            os.replace(received.path, target)
            moved_here = target
        return evidence
    except BaseException:
        received.path.unlink(missing_ok=True)
        if moved_here is not None:
            moved_here.unlink(missing_ok=True)
        raise


def _link(
    actor: User, evidence: Evidence, linked: dict[str, list[Any]], *, action: str
) -> Evidence:
    before = _snapshot(evidence)
    for name, rows in linked.items():
        if rows:
            getattr(evidence, name).add(*rows)
    after = _snapshot(evidence)
    if after != before:
        audit_record(actor=actor, action=action, obj=evidence, before=before, after=after)
    return evidence


def _set_shared(actor: User, evidence: Evidence, *, shared: bool) -> None:
    before = _snapshot(evidence)
    evidence.shared = shared
    evidence.save(update_fields=["shared", "updated_at"])
    audit_record(
        actor=actor,
        action="evidence.shared",
        obj=evidence,
        before=before,
        after=_snapshot(evidence),
    )


@transaction.atomic
def evidence_share(*, actor: User, evidence: Evidence | int, shared: bool) -> Evidence:
    """Mark a file as the organisation's (``shared``), citable by any of its filings, or take
    the mark away; without it a filing cites the file only when it is linked to its subject."""
    authorise(actor, "evidence.write")
    row = get_for_update(Evidence, evidence)
    if row.shared != bool(shared):
        _set_shared(actor, row, shared=bool(shared))
    return row


@transaction.atomic
def evidence_link(
    *,
    actor: User,
    evidence: Evidence | int,
    systems: Iterable[Any] = (),
    gpai_models: Iterable[Any] = (),
    risk_records: Iterable[Any] = (),
    qms_records: Iterable[Any] = (),
    shared: bool | None = None,
) -> Evidence:
    """Add links; ``shared`` (when given) marks the file as the organisation's or unmarks it."""
    authorise(actor, "evidence.write")
    row = get_for_update(Evidence, evidence)
    linked = _resolve_links(
        {
            "systems": systems,
            "gpai_models": gpai_models,
            "risk_records": risk_records,
            "qms_records": qms_records,
        }
    )
    if shared is not None and row.shared != shared:
        _set_shared(actor, row, shared=shared)
    return _link(actor, row, linked, action="evidence.linked")


@transaction.atomic
def evidence_unlink(
    *,
    actor: User,
    evidence: Evidence | int,
    systems: Iterable[Any] = (),
    gpai_models: Iterable[Any] = (),
    risk_records: Iterable[Any] = (),
    qms_records: Iterable[Any] = (),
) -> Evidence:
    authorise(actor, "evidence.write")
    row = get_for_update(Evidence, evidence)
    linked = _resolve_links(
        {
            "systems": systems,
            "gpai_models": gpai_models,
            "risk_records": risk_records,
            "qms_records": qms_records,
        }
    )
    before = _snapshot(row)
    for name, rows in linked.items():
        if rows:
            getattr(row, name).remove(*rows)
    after = _snapshot(row)
    if after != before:
        audit_record(actor=actor, action="evidence.unlinked", obj=row, before=before, after=after)
    return row


@transaction.atomic
def evidence_delete(*, actor: User, evidence: Evidence | int) -> None:
    """Delete a file nothing cites: no system, model, record or draft in the workspace, and no
    version this organisation filed (a filed version keeps citing the file for as long as the
    register keeps it, so the workspace keeps its copy too). Refused with what cites it;
    audited. The bytes go once the deletion has committed (a rollback keeps them)."""
    from registry.workspace.selectors.evidence import evidence_citations

    authorise(actor, "evidence.delete")
    row = get_for_update(Evidence, evidence)
    citations = evidence_citations(row)
    if citations.filed:
        raise Conflict(
            _("“%(title)s” is cited by a filed version, so it is kept as filed.")
            % {"title": row.title},
            code="evidence_filed",
        )
    if citations.in_workspace:
        raise Conflict(
            _(
                "“%(title)s” is still cited. Remove it from the systems, models, records and "
                "drafts that cite it first."
            )
            % {"title": row.title},
            code="evidence_cited",
        )
    before = _snapshot(row)
    audit_record(actor=actor, action="evidence.deleted", obj=row, before=before)
    path = Path(settings.MEDIA_ROOT) / row.file.name
    row.delete()
    transaction.on_commit(lambda: path.unlink(missing_ok=True))
