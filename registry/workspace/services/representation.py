"""Filing through an authorised representative (Art 22(3)(a) and (e), Art 54(3)(a)); EUDAMED's
pattern: the provider prepares, the representative verifies what will be filed, and either
submits as the mandate says.

The provider asks for a verification from its workspace: the body of the filing as it would be
filed today goes to the register (public schema), hashed, where the representative reads and
confirms it from its own workspace. Submitting checks that the body being filed is, hash for
hash, the one the representative verified; a change to the draft after it needs a new one.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record
from portal.authz import authorise
from portal.errors import Conflict, NotFound, ValidationFailed
from portal.tenancy.models import Organisation
from registry.filings.canonical import canonical_json, sha256_hex
from registry.register.models import (
    FilingVerification,
    FilingVersion,
    Mandate,
    MandateSubmitter,
)
from registry.register.selectors_mandates import representative_party
from registry.workspace.filing_gate import raise_obstacles, subject_mandate
from registry.workspace.models.drafts import FilingDraft

VERIFICATION_REQUIRED = "representative_verification_required"
SUBMITTER_NOT_MANDATED = "submitter_not_mandated"


def _with_party(body: dict[str, Any], mandate: Mandate) -> dict[str, Any]:
    return {
        **body,
        "authorised_representative": {
            "mandate": mandate.pk,
            "organisation": mandate.representative.slug,
            **representative_party(mandate.representative),
        },
    }


def _body_sha256(body: dict[str, Any]) -> str:
    return sha256_hex(canonical_json(body))


def representation_block(
    *,
    actor: Any,
    draft: FilingDraft,
    organisation: Organisation,
    body: dict[str, Any],
    representative: Mandate | None = None,
) -> dict[str, Any]:
    """``body`` with its authorised representative (and the verification) when the filing goes
    through a mandate; refuses a submitter the mandate does not name and a body the
    representative has not verified. Unchanged for a provider that needs no representative."""
    mandate = subject_mandate(
        draft.kind, organisation, system=draft.system, gpai_model_version=draft.gpai_model_version
    )
    if mandate is None:
        return body
    by = "representative" if representative is not None else "provider"
    if mandate.submitter not in (MandateSubmitter.EITHER, by):
        raise Conflict(
            _(
                "The mandate with %(representative)s says that the %(submitter)s submits these "
                "filings (Art 22(3)(e))."
            )
            % {
                "representative": mandate.representative.legal_name,
                "submitter": mandate.get_submitter_display(),
            },
            code=SUBMITTER_NOT_MANDATED,
        )
    full = _with_party(body, mandate)
    if not mandate.verification_required:
        return full
    sha = _body_sha256(full)
    verification = (
        FilingVerification.objects.filter(
            mandate=mandate,
            draft_uid=draft.uid,
            sha256=sha,
            state=FilingVerification.State.VERIFIED,
        )
        .order_by("-decided_at")
        .first()
    )
    if verification is None:
        raise Conflict(
            _(
                "%(representative)s, the authorised representative, has not verified this "
                "filing as it stands (Art 22(3)(a), Art 54(3)(a)); ask for its verification, "
                "and again after any change."
            )
            % {"representative": mandate.representative.legal_name},
            code=VERIFICATION_REQUIRED,
            field_errors={"authorised_representative": [_("Verification needed.")]},
        )
    full["authorised_representative"]["verification"] = {
        "sha256": sha,
        "verified_by": verification.decided_by_label,
        "verified_at": verification.decided_at,
    }
    return full


def filing_verification_request(*, actor: Any, draft: FilingDraft) -> FilingVerification:
    """The provider sends the filing as prepared to its representative for verification."""
    from registry.workspace.filing_content import draft_content
    from registry.workspace.filing_snapshot import snapshot_body

    authorise(actor, "filing.prepare")
    organisation = draft_organisation()
    content = draft_content(draft, organisation)
    raise_obstacles(content.obstacles)
    mandate = subject_mandate(
        draft.kind, organisation, system=draft.system, gpai_model_version=draft.gpai_model_version
    )
    if mandate is None:
        raise ValidationFailed(
            _("This filing goes through no authorised representative."), code="no_mandate"
        )
    if not content.complete:
        raise ValidationFailed(
            _("Complete the filing before asking the representative to verify it."),
            code="filing_incomplete",
            field_errors={item.field: [str(item.message)] for item in content.missing},
        )
    body = _with_party(snapshot_body(content, organisation, draft), mandate)
    with transaction.atomic():
        FilingVerification.objects.filter(
            draft_uid=draft.uid, state=FilingVerification.State.REQUESTED
        ).delete()  # superseded by this one: the representative verifies the newest body
        verification = FilingVerification.objects.create(
            mandate=mandate,
            draft_uid=draft.uid,
            kind=draft.kind,
            subject_type=content.subject["type"],
            subject_id=content.subject["id"],
            subject_name=content.subject["name"],
            body=body,
            sha256=_body_sha256(body),
            requested_by_label=_label(actor),
        )
        audit_record(
            actor=actor,
            action="filing_verification.requested",
            obj=verification,
            after={"sha256": verification.sha256, "mandate": mandate.pk},
        )
        transaction.on_commit(lambda: _tell_representative(verification.pk))
    return verification


def _label(actor: Any) -> str:
    from registry.register.services.submit import _actor_label

    return _actor_label(actor)[:254]


def draft_organisation() -> Organisation:
    from registry.workspace.permissions import current_organisation

    return current_organisation()


def _tell_representative(verification_id: int) -> None:
    from portal.context_processors import portal_url
    from portal.notifications.services import notify
    from registry.register.services.mandate_notices import MANDATES_PATH, _admins

    verification = FilingVerification.objects.select_related(
        "mandate__provider", "mandate__representative"
    ).get(pk=verification_id)
    mandate = verification.mandate
    notify(
        _admins(mandate.representative_id),
        "verification.requested",
        {"provider": mandate.provider.legal_name, "subject": verification.subject_name},
        portal_url(mandate.representative.slug, MANDATES_PATH),
    )


def filing_verification_decide(
    *,
    actor: Any,
    verification: FilingVerification,
    organisation: Organisation,
    verified: bool,
    reason: str = "",
    submit: bool = False,
    sha256: str | None = None,
) -> FilingVerification | FilingVersion:
    """The representative confirms (or refuses, with a reason) what the provider prepared;
    with ``submit`` and a mandate that lets it, it files it for the provider at once. ``sha256``
    (the API asks for it): the hash of the body the representative read, which must be the body
    awaiting verification (409 ``verification_sha256_mismatch`` otherwise)."""
    from registry.register.models import MandateEvent, MandateEventKind
    from registry.register.selectors_mandates import mandate_in_force

    mandate = verification.mandate
    if organisation.pk != mandate.representative_id:
        raise NotFound(_("No such verification here."), code="not_found")
    authorise(actor, "mandate.verify", organisation)
    reason = (reason or "").strip()
    if not verified and not reason:
        raise ValidationFailed(_("Give the reason."), field_errors={"reason": [_("Required.")]})
    with transaction.atomic():
        locked = FilingVerification.objects.select_for_update().get(pk=verification.pk)
        if locked.state != FilingVerification.State.REQUESTED:
            raise Conflict(
                _("This verification was already answered."), code="verification_answered"
            )
        if sha256 is not None and sha256.strip().lower() != locked.sha256:
            raise Conflict(
                _(
                    "The body you read is not the one awaiting verification (its SHA-256 is "
                    "%(sha256)s): read it again."
                )
                % {"sha256": locked.sha256},
                code="verification_sha256_mismatch",
            )
        if not mandate_in_force(mandate):
            raise Conflict(_("The mandate is no longer in force."), code="mandate_state")
        locked.state = (
            FilingVerification.State.VERIFIED if verified else FilingVerification.State.REFUSED
        )
        locked.decided_by_label = _label(actor)
        locked.decided_at = timezone.now()
        locked.reason = reason
        locked.save(update_fields=["state", "decided_by_label", "decided_at", "reason"])
        MandateEvent.objects.create(
            mandate=mandate,
            kind=MandateEventKind.VERIFIED,
            organisation=organisation,
            actor_label=_label(actor),
            reason=reason,
            detail={
                "subject": locked.subject_name,
                "kind": locked.kind,
                "sha256": locked.sha256,
                "verified": verified,
            },
        )
        audit_record(
            actor=actor,
            action="filing_verification.verified" if verified else "filing_verification.refused",
            obj=locked,
            after={"sha256": locked.sha256, "reason": reason},
            organisation_id=organisation.pk,
        )
        if verified and submit:
            return _submit_for_provider(actor=actor, verification=locked)
    return locked


def _submit_for_provider(*, actor: Any, verification: FilingVerification) -> FilingVersion:
    """Art 22(3)(e): the representative files the verified draft in the provider's name. The
    draft lives in the provider's schema; this is the one place a representative's request
    enters it, to read the draft it verified and record the submission on it."""
    from django_tenants.utils import tenant_context

    from registry.workspace.services.drafts import draft_file

    provider = verification.mandate.provider
    with tenant_context(provider):
        draft = FilingDraft.objects.filter(uid=verification.draft_uid).first()
        if draft is None:
            raise NotFound(_("The provider discarded this draft."), code="draft_not_found")
        return draft_file(
            actor=actor,
            draft=draft,
            organisation=provider,
            confirmed=True,
            representative=verification.mandate,
        )
