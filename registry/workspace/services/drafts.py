"""Filing drafts and submitting them to the register."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise
from portal.errors import Conflict, NotFound, ValidationFailed
from registry.register.models import (
    MODEL_KINDS,
    SYSTEM_KINDS,
    Filing,
    FilingKind,
    FilingStatus,
    FilingVersion,
)
from registry.register.services.submit import Submission, filing_version_submit
from registry.workspace.filing_content import draft_content
from registry.workspace.filing_gate import evidence_obstacles, kind_obstacles, raise_obstacles
from registry.workspace.filing_snapshot import evidence_files, snapshot_body
from registry.workspace.models import AISystem, Evidence, GPAIModelVersion
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.permissions import acting_user
from registry.workspace.references import choose_one_of


def _subject(kind: str, system_id: Any, model_version_id: Any) -> dict[str, Any]:
    if kind not in FilingKind.values:
        raise ValidationFailed(
            _("Unknown kind of filing."),
            field_errors={"kind": [choose_one_of(FilingKind.values)]},
        )
    if kind in SYSTEM_KINDS:
        system = AISystem.objects.filter(pk=system_id).first() if system_id else None
        if system is None:
            raise ValidationFailed(
                _("Choose an AI system of this organisation."),
                # Not given is a bad request; an id of nothing here is an unknown reference.
                code="unknown_reference" if system_id else "validation_failed",
                field_errors={"system": [_("No such AI system here.")]},
            )
        return {"system": system}
    if kind in MODEL_KINDS:
        version = (
            GPAIModelVersion.objects.filter(pk=model_version_id).first()
            if model_version_id
            else None
        )
        if version is None:
            raise ValidationFailed(
                _("Choose a model version of this organisation."),
                code="unknown_reference" if model_version_id else "validation_failed",
                field_errors={"gpai_model_version": [_("No such model version.")]},
            )
        return {"gpai_model_version": version}
    return {}


def _provider_filing(provider_filing_id: Any) -> Filing | None:
    if not provider_filing_id:
        return None
    # Art 49(3): only a registered, public Section A entry can be selected.
    filing = Filing.objects.filter(
        pk=provider_filing_id,
        kind=FilingKind.ANNEX_VIII_A,
        restricted=False,
        registered_version_number__isnull=False,
    ).first()
    if filing is None:
        raise ValidationFailed(
            _("Select a registered provider entry from the public register."),
            field_errors={"provider_filing": [_("No such registered entry.")]},
        )
    return filing


def _evidence(ids: list[Any] | None) -> list[Evidence]:
    ids = list(ids or [])
    found = list(Evidence.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationFailed(
            _("Cite evidence of this organisation only."),
            code="unknown_reference",
            field_errors={"extra_evidence": [_("Unknown evidence id.")]},
        )
    return found


def filing_draft_create(
    *,
    actor: Any,
    kind: str,
    system_id: Any = None,
    gpai_model_version_id: Any = None,
    provider_filing_id: Any = None,
    notes: str = "",
    extra_evidence_ids: list[Any] | None = None,
) -> FilingDraft:
    authorise(actor, "filing.prepare")
    subject = _subject(kind, system_id, gpai_model_version_id)
    # A draft may be prepared before the subject is classified (the checklist then asks for
    # it), but never of a kind its classification rules out; currency is checked at submit.
    raise_obstacles(kind_obstacles(kind, **subject, require_current=False))
    provider_filing = _provider_filing(provider_filing_id) if kind == "annex_viii_c" else None
    evidence = _evidence(extra_evidence_ids)
    raise_obstacles(evidence_obstacles(evidence, **subject))
    existing = FilingDraft.objects.filter(kind=kind, **subject).first()
    if existing is not None or (
        kind == "cop_signatory_declaration" and FilingDraft.objects.filter(kind=kind).exists()
    ):
        # A state conflict, not bad input: the same request succeeds once that draft is gone.
        raise Conflict(
            _("A draft of this kind for this subject exists; open it instead."),
            code="draft_exists",
            field_errors={"kind": [_("A draft for this subject exists.")]},
        )
    with transaction.atomic():
        draft = FilingDraft.objects.create(
            kind=kind,
            provider_filing=provider_filing,
            notes=notes,
            created_by=acting_user(actor),
            **subject,
        )
        draft.extra_evidence.set(evidence)
        audit_record(
            actor=actor, action="filing_draft.created", obj=draft, after=model_snapshot(draft)
        )
    return draft


def filing_draft_update(
    *,
    actor: Any,
    draft: FilingDraft,
    notes: str | None = None,
    provider_filing_id: Any = None,
    extra_evidence_ids: list[Any] | None = None,
) -> FilingDraft:
    authorise(actor, "filing.prepare")
    provider_filing = (
        _provider_filing(provider_filing_id)
        if provider_filing_id and draft.kind == "annex_viii_c"
        else None
    )
    evidence = _evidence(extra_evidence_ids) if extra_evidence_ids is not None else None
    if evidence is not None:
        raise_obstacles(
            evidence_obstacles(
                evidence, system=draft.system, gpai_model_version=draft.gpai_model_version
            )
        )
    with transaction.atomic():
        locked = FilingDraft.objects.select_for_update().get(pk=draft.pk)
        before = model_snapshot(locked)
        if notes is not None:
            locked.notes = notes
        if provider_filing is not None:
            locked.provider_filing = provider_filing
        locked.save()
        if evidence is not None:
            locked.extra_evidence.set(evidence)
        audit_record(
            actor=actor,
            action="filing_draft.updated",
            obj=locked,
            before=before,
            after=model_snapshot(locked),
        )
    return locked


def filing_draft_discard(*, actor: Any, draft: FilingDraft) -> None:
    """Throw away a draft that was never filed. Once a version is in the register the draft is
    the organisation's side of that filing (its versions, comments and decisions hang on it):
    it can be withdrawn (``filing_withdraw_for_draft``), not discarded."""
    authorise(actor, "filing.prepare")
    with transaction.atomic():
        locked = FilingDraft.objects.select_for_update().filter(pk=draft.pk).first()
        if locked is None:
            raise NotFound(_("No such filing draft."), code="draft_not_found")
        if locked.register_filing_id is not None:
            raise Conflict(
                _(
                    "This draft has been filed: its versions stay in the register. Withdraw the "
                    "filing instead."
                ),
                code="draft_filed",
            )
        before = model_snapshot(locked)
        audit_record(actor=actor, action="filing_draft.discarded", obj=locked, before=before)
        locked.extra_evidence.clear()
        locked.delete()


# What the person (or the key's owner, for an integration) declares by submitting (Art 49: filing
# binds the organisation). Recorded, in English as filed, in the version with who and when.
DECLARATION = (
    "I am authorised to file this registration for {organisation}, and the information in it is "
    "accurate and complete to the best of my knowledge."
)


def submission_declaration(organisation_name: str) -> str:
    return DECLARATION.format(organisation=organisation_name)


# Art 22(3)(e): the representative registers on the provider's behalf.
REPRESENTATIVE_DECLARATION = (
    "I am authorised to file this registration for {organisation} as its authorised "
    "representative {representative}, under a written mandate in force, and I have verified "
    "the information in it."
)


def representative_declaration(organisation_name: str, representative_name: str) -> str:
    return REPRESENTATIVE_DECLARATION.format(
        organisation=organisation_name, representative=representative_name
    )


def filing_draft_submit(
    *, actor: Any, draft: FilingDraft, confirmed: bool = False
) -> FilingVersion:
    """Check completeness and the submitter's declaration, then file the next version in the
    register, in one transaction. `confirmed` is the submitter's confirmation of
    `submission_declaration()`; without it nothing is filed."""
    authorise(actor, "filing.submit")
    return draft_file(actor=actor, draft=draft, organisation=connection.tenant, confirmed=confirmed)


def draft_file(
    *,
    actor: Any,
    draft: FilingDraft,
    organisation: Any,
    confirmed: bool,
    representative: Any = None,
) -> FilingVersion:
    """File ``draft`` (the caller has authorised ``actor``): by the provider, or by the
    authorised ``representative`` (a Mandate) that submits for it (Art 22(3)(e))."""
    from registry.workspace.services.representation import representation_block

    with transaction.atomic():
        draft = FilingDraft.objects.select_for_update().get(pk=draft.pk)
        content = draft_content(draft, organisation)
        # What the law does not call for is refused as such, before any completeness.
        raise_obstacles(content.obstacles)
        if not content.complete:
            errors: dict[str, list[str]] = {}
            for item in content.missing:
                errors.setdefault(item.field, []).append(f"{item.code}: {item.message}")
            count = len(content.missing)
            raise ValidationFailed(
                ngettext_lazy(
                    "The filing is incomplete: %(count)d item is missing.",
                    "The filing is incomplete: %(count)d items are missing.",
                    "count",
                )
                % {"count": count},
                code="filing_incomplete",
                field_errors=errors,
            )
        if confirmed is not True:
            raise ValidationFailed(
                _(
                    "Confirm that you are authorised to file for the organisation and that the "
                    "information is accurate before submitting."
                ),
                code="declaration_required",
                field_errors={"confirm": [_("Confirm the declaration to submit.")]},
            )
        version = filing_version_submit(
            actor=actor,
            submission=Submission(
                organisation=organisation,
                kind=draft.kind,
                subject_type=content.subject["type"],
                subject_id=content.subject["id"],
                subject_name=content.subject["name"],
                body=representation_block(
                    actor=actor,
                    draft=draft,
                    organisation=organisation,
                    body=snapshot_body(content, organisation, draft),
                    representative=representative,
                ),
                evidence=evidence_files(content),
                restricted=content.restricted,
                member_states=tuple(content.member_states),
                annex_iii_area=content.annex_iii_area,
                risk_tier=content.risk_tier,
                declaration=submission_declaration(organisation.legal_name)
                if representative is None
                else representative_declaration(
                    organisation.legal_name, representative.representative.legal_name
                ),
            ),
        )
        before = model_snapshot(draft)
        draft.register_filing_id = version.filing_id
        draft.last_submitted_version = version.number
        draft.last_submitted_at = timezone.now()
        draft.save(
            update_fields=[
                "register_filing_id",
                "last_submitted_version",
                "last_submitted_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="filing_draft.submitted",
            obj=draft,
            before=before,
            after={
                "registration_number": version.filing.registration_number,
                "version": version.number,
                "sha256": version.sha256,
            },
        )
    return version


def filing_withdraw_for_draft(*, actor: Any, draft: FilingDraft, reason: str = "") -> None:
    from registry.register.services.review import filing_withdraw

    authorise(actor, "filing.withdraw")
    if draft.register_filing_id is None:
        raise NotFound(_("This draft has not been filed."), code="not_filed")
    filing = Filing.objects.get(pk=draft.register_filing_id)
    filing_withdraw(actor=actor, filing=filing, reason=reason)


__all__ = [
    "FilingStatus",
    "filing_draft_create",
    "filing_draft_submit",
    "submission_declaration",
    "filing_draft_update",
    "filing_withdraw_for_draft",
]
