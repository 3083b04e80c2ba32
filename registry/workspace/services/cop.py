"""Code of Practice signatures, per chapter, with their history (ai-act.md 8.3-8.5)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.audit.services import audit_record, model_snapshot
from portal.authz import authorise
from portal.errors import ValidationFailed
from registry.workspace.choices import CoPChapter, CoPStatus
from registry.workspace.models import (
    CodeOfPracticeSignature,
    CodeOfPracticeSignatureChange,
    Evidence,
    GPAIModel,
)
from registry.workspace.permissions import acting_user
from registry.workspace.references import choose_one_of as _choose_one_of
from registry.workspace.references import full_clean, resolve_many

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HISTORY_FIELDS = (
    "chapter",
    "status",
    "status_date",
    "signatory_name",
    "signatory_authority",
    "public_statement_url",
    "notes",
    "alternative_means",
)


def cop_signature_state(signature: CodeOfPracticeSignature) -> dict[str, Any]:
    """What the history keeps of a signature: its fields and the models it covers."""
    data = model_snapshot(signature, fields=list(HISTORY_FIELDS))
    data["models_covered"] = sorted(signature.models_covered.values_list("pk", flat=True))
    data["alternative_evidence"] = sorted(
        signature.alternative_evidence.values_list("pk", flat=True)
    )
    return data


def _validate(
    previous: str, status: str, fields: dict[str, Any], covered: list[GPAIModel]
) -> dict[str, list[StrOrPromise]]:
    errors: dict[str, list[StrOrPromise]] = {}
    if status == CoPStatus.SIGNED:
        # The Signatory Form is signed by a person able to bind the provider (ai-act.md 8.3).
        for name in ("status_date", "signatory_name", "signatory_authority"):
            if not fields.get(name):
                errors[name] = [_("Required when the chapter is signed.")]
    elif status in (CoPStatus.DECLINED, CoPStatus.WITHDRAWN) and not fields.get("status_date"):
        errors["status_date"] = [_("Give the date of the decision.")]
    if status == CoPStatus.WITHDRAWN and previous != CoPStatus.SIGNED:
        errors["status"] = [_("Only a signed chapter can be withdrawn.")]
    if status != CoPStatus.SIGNED and covered:
        errors["models_covered"] = [_("Models are covered by a signed chapter only.")]
    if status == CoPStatus.SIGNED and (
        fields.get("alternative_means") or fields.get("alternative_evidence")
    ):
        # Art 53(4): a signatory relies on the Code for this chapter.
        errors["alternative_means"] = [
            _("Alternative means are recorded for a chapter that is not signed.")
        ]
    when = fields.get("status_date")
    if isinstance(when, date) and when > date.today():
        errors["status_date"] = [_("The date cannot be in the future.")]
    return errors


@transaction.atomic
def cop_signature_set(
    *,
    actor: User,
    chapter: str,
    status: str,
    status_date: date | str | None = None,
    signatory_name: str = "",
    signatory_authority: str = "",
    public_statement_url: str = "",
    models_covered: Iterable[Any] = (),
    notes: str = "",
    alternative_means: str = "",
    alternative_evidence: Iterable[Any] = (),
) -> CodeOfPracticeSignature:
    """Set the organisation's status for one chapter of the Code of Practice.

    Admins and owners only: signing or declining binds the provider. Each change appends a
    history row with the state before and after; setting the same state again changes nothing.
    An empty ``models_covered`` on a signed chapter means all the provider's models. A chapter
    not signed records how the provider shows compliance by other means (``alternative_means``,
    ``alternative_evidence``: evidence ids; Art 53(4), 55(2)).
    """
    authorise(actor, "cop.sign")
    message = _("The Code of Practice status could not be saved.")
    if chapter not in CoPChapter.values:
        raise ValidationFailed(
            message, field_errors={"chapter": [_choose_one_of(CoPChapter.values)]}
        )
    if status not in CoPStatus.values:
        raise ValidationFailed(message, field_errors={"status": [_choose_one_of(CoPStatus.values)]})
    covered = resolve_many(GPAIModel, models_covered, field="models_covered")
    alternative = resolve_many(Evidence, alternative_evidence, field="alternative_evidence")
    signature = CodeOfPracticeSignature.objects.select_for_update().filter(chapter=chapter).first()
    is_new = signature is None
    if signature is None:
        signature = CodeOfPracticeSignature(chapter=chapter)
    before = None if is_new else cop_signature_state(signature)
    previous = signature.status if not is_new else CoPStatus.NOT_SIGNED
    signature.status = status
    signature.status_date = status_date or None
    signature.signatory_name = (signatory_name or "").strip()
    signature.signatory_authority = (signatory_authority or "").strip()
    signature.public_statement_url = public_statement_url or ""
    signature.notes = notes or ""
    signature.alternative_means = (alternative_means or "").strip()
    signature.updated_by = acting_user(actor)
    full_clean(signature, message, exclude=["updated_by"])
    fields = {
        "status_date": signature.status_date,
        "signatory_name": signature.signatory_name,
        "signatory_authority": signature.signatory_authority,
        "alternative_means": signature.alternative_means,
        "alternative_evidence": alternative,
    }
    if errors := _validate(previous, status, fields, covered):
        raise ValidationFailed(message, code="validation_failed", field_errors=errors)
    after = {
        **model_snapshot(signature, fields=list(HISTORY_FIELDS)),
        "models_covered": sorted(model.pk for model in covered),
        "alternative_evidence": sorted(e.pk for e in alternative),
    }
    if after == before:
        return signature
    signature.save()
    signature.models_covered.set(covered)
    signature.alternative_evidence.set(alternative)
    CodeOfPracticeSignatureChange.objects.create(
        signature=signature,
        chapter=chapter,
        changed_by=acting_user(actor),
        before=before,
        after=after,
    )
    audit_record(
        actor=actor, action="cop_signature.changed", obj=signature, before=before, after=after
    )
    return signature
