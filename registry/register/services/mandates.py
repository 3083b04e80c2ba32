"""Authorised-representative mandates: offered by a non-EU provider, accepted or declined by an
EU-established organisation, terminated by either with a reason (Art 22, Art 54).

Each step is one transaction: the mandate row, its history event and the audit events; the
e-mails, the bell and the webhooks follow in ``transaction.on_commit``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record
from portal.authz import authorise
from portal.errors import Conflict, ValidationFailed
from portal.tenancy.models import Organisation
from registry.register.models import Mandate, MandateEvent, MandateEventKind, MandateStatus
from registry.register.services.mandate_checks import (
    clean_subjects,
    require_eu,
    store_document,
    validate_offer,
)

MANDATE_STATE = "mandate_state"


def _label(actor: Any) -> str:
    from registry.register.services.submit import _actor_label

    return _actor_label(actor)[:254]


def _event(
    mandate: Mandate,
    kind: str,
    *,
    actor: Any,
    organisation: Organisation | None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> MandateEvent:
    return MandateEvent.objects.create(
        mandate=mandate,
        kind=kind,
        organisation=organisation,
        actor_label=_label(actor) if actor is not None else "system",
        reason=reason,
        detail=detail or {},
    )


def _audit(actor: Any, action: str, mandate: Mandate, organisation: Organisation) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=mandate,
        after={
            "provider": mandate.provider.slug,
            "representative": mandate.representative.slug,
            "status": mandate.status,
            "reason": mandate.reason,
        },
        organisation_id=organisation.pk,
    )


def mandate_offer(
    *,
    actor: Any,
    provider: Organisation,
    representative: Organisation | None,
    scope: str,
    tasks: list[str],
    submitter: str,
    starts_on: date | None,
    file: IO[bytes] | Any,
    filename: str,
    ends_on: date | None = None,
    systems: Iterable[Any] = (),
    gpai_models: Iterable[Any] = (),
    verification_required: bool = True,
) -> Mandate:
    """The provider offers a written mandate; it binds once the representative accepts it."""
    authorise(actor, "mandate.offer", provider)
    tasks = sorted(set(tasks or ()))
    representative = validate_offer(
        provider,
        representative,
        scope=scope,
        tasks=tasks,
        submitter=submitter,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    system_uids, model_uids = clean_subjects(provider, scope, systems, gpai_models)
    assert starts_on is not None
    with transaction.atomic():
        pending = Mandate.objects.filter(
            provider=provider, representative=representative, status=MandateStatus.OFFERED
        )
        if pending.exists():
            raise Conflict(
                _("A mandate offered to %(name)s awaits its answer; withdraw it or wait.")
                % {"name": representative.legal_name},
                code="mandate_pending",
            )
        blob, name = store_document(file, filename)
        mandate = Mandate.objects.create(
            provider=provider,
            representative=representative,
            scope=scope,
            systems=system_uids,
            gpai_models=model_uids,
            tasks=tasks,
            submitter=submitter,
            verification_required=verification_required,
            starts_on=starts_on,
            ends_on=ends_on,
            document=blob,
            document_name=name,
            offered_by_label=_label(actor),
        )
        _event(
            mandate,
            MandateEventKind.OFFERED,
            actor=actor,
            organisation=provider,
            detail={"document_sha256": blob.sha256},
        )
        _audit(actor, "mandate.offered", mandate, provider)
        _on_commit(mandate, "mandate.offered", to=representative.pk)
    return mandate


def _locked(mandate: Mandate, *expected: str) -> Mandate:
    locked = (
        Mandate.objects.select_for_update(of=("self",))
        .select_related("provider", "representative")
        .get(pk=mandate.pk)
    )
    if locked.status not in expected:
        raise Conflict(
            _("The mandate is %(status)s; this step is not open to it.")
            % {"status": locked.get_status_display()},
            code=MANDATE_STATE,
        )
    return locked


def _required_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Give the reason."), field_errors={"reason": [_("Required.")]})
    return reason


def mandate_accept(*, actor: Any, mandate: Mandate) -> Mandate:
    """The representative accepts: the mandate is in force from its start date."""
    authorise(actor, "mandate.answer", mandate.representative)
    with transaction.atomic():
        locked = _locked(mandate, MandateStatus.OFFERED)
        require_eu(locked.representative)
        locked.status = MandateStatus.ACTIVE
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at", "updated_at"])
        _event(locked, MandateEventKind.ACCEPTED, actor=actor, organisation=locked.representative)
        _audit(actor, "mandate.accepted", locked, locked.representative)
        _on_commit(locked, "mandate.accepted", to=locked.provider_id)
    return locked


def mandate_decline(*, actor: Any, mandate: Mandate, reason: str = "") -> Mandate:
    authorise(actor, "mandate.answer", mandate.representative)
    reason = _required_reason(reason)
    with transaction.atomic():
        locked = _locked(mandate, MandateStatus.OFFERED)
        locked.status = MandateStatus.DECLINED
        locked.reason = reason
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "reason", "decided_at", "updated_at"])
        _event(
            locked,
            MandateEventKind.DECLINED,
            actor=actor,
            organisation=locked.representative,
            reason=reason,
        )
        _audit(actor, "mandate.declined", locked, locked.representative)
        _on_commit(locked, "mandate.declined", to=locked.provider_id)
    return locked


def mandate_terminate(
    *, actor: Any, mandate: Mandate, organisation: Organisation, reason: str = ""
) -> Mandate:
    """Either side ends an active mandate with its reason (Art 22(4), Art 54(5): the
    representative must when the provider acts contrary to its obligations). The competent
    authorities are informed: the market-surveillance authorities of the member states the
    provider's covered filings name, and the AI Office for GPAI models."""
    from registry.register.services.mandate_notices import authorities_to_inform

    if organisation.pk not in (mandate.provider_id, mandate.representative_id):
        raise ValidationFailed(
            _("Only the provider or the representative ends a mandate."),
            code="not_a_party",
        )
    authorise(actor, "mandate.terminate", organisation)
    reason = _required_reason(reason)
    with transaction.atomic():
        locked = _locked(mandate, MandateStatus.ACTIVE, MandateStatus.OFFERED)
        side = "provider" if organisation.pk == locked.provider_id else "representative"
        if locked.status == MandateStatus.OFFERED and side != "provider":
            raise Conflict(
                _("Decline an offered mandate instead of terminating it."), code=MANDATE_STATE
            )
        was_active = locked.status == MandateStatus.ACTIVE
        locked.status = MandateStatus.TERMINATED
        locked.reason = reason
        locked.ended_by = side
        locked.ended_at = timezone.now()
        locked.save(update_fields=["status", "reason", "ended_by", "ended_at", "updated_at"])
        _event(
            locked,
            MandateEventKind.TERMINATED,
            actor=actor,
            organisation=organisation,
            reason=reason,
            detail={"ended_by": side},
        )
        authorities = authorities_to_inform(locked) if was_active else []
        if authorities:
            _event(
                locked,
                MandateEventKind.AUTHORITY_INFORMED,
                actor=None,
                organisation=None,
                detail={"authorities": [a.slug for a in authorities]},
            )
        _audit(actor, "mandate.terminated", locked, organisation)
        other = locked.representative_id if side == "provider" else locked.provider_id
        _on_commit(
            locked,
            "mandate.terminated",
            to=other,
            authorities=[a.pk for a in authorities],
        )
    return locked


def mandates_expire(*, today: date | None = None) -> int:
    """Mark active mandates past their end date as expired (the gate already refuses them: a
    mandate counts only within its dates); returns how many. Run daily by the beat."""
    today = today or timezone.localdate()
    count = 0
    for mandate in Mandate.objects.filter(status=MandateStatus.ACTIVE, ends_on__lt=today):
        with transaction.atomic():
            locked = Mandate.objects.select_for_update().get(pk=mandate.pk)
            if locked.status != MandateStatus.ACTIVE:
                continue  # another run got it first
            locked.status = MandateStatus.EXPIRED
            locked.ended_at = timezone.now()
            locked.save(update_fields=["status", "ended_at", "updated_at"])
            _event(locked, MandateEventKind.EXPIRED, actor=None, organisation=None)
            count += 1
    return count


def _on_commit(
    mandate: Mandate, event: str, *, to: int, authorities: list[int] | None = None
) -> None:
    """The step's notices, after commit, saying what the step made of the mandate: its state
    now, not when the notices go out (offered and accepted in one transaction, as the demo
    does, told the representative that the offer was already in force)."""
    from registry.register.services.mandate_notices import STEP_FIELDS, mandate_notices_send

    state = {name: getattr(mandate, name) for name in STEP_FIELDS}
    transaction.on_commit(
        lambda: mandate_notices_send(
            mandate_id=mandate.pk, event=event, to=to, authorities=authorities or [], state=state
        )
    )
