"""Rights holders' requests to GPAI providers (Art 53(1)(c); Code of Practice, Copyright chapter,
Measure 1.5): filed by anyone on the public register, confirmed by e-mail, then received, reviewed
and answered or rejected by the provider. Each step: the request updated, a history event, an
audit event in the provider's workspace, all in one transaction; mail after the commit
(rights_request_mail)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tenants.utils import tenant_context

from portal.accounts.throttle import window_hit
from portal.audit.services import audit_record
from portal.authz import authorise
from portal.errors import Conflict, NotFound, TooManyRequests, ValidationFailed
from portal.tenancy.models import Organisation
from registry.register.models import (
    ActingFor,
    RightsRequest,
    RightsRequestEvent,
    RightsRequestEventKind,
    RightsRequestKind,
    RightsRequestStatus,
)
from registry.register.models.rights_requests import OPEN_RIGHTS_STATUSES
from registry.register.selectors_rights_requests import rights_request_model_choices
from registry.register.services.rights_request_mail import (
    CONFIRM_SALT,
    mail_confirmation,
    mail_outcome,
    mail_received,
)

# Crockford's base32 without the letters read as digits (I, L, O) or rude (U): 32**6 ≈ 10**9
# references a year, so one that is shared cannot be used to guess another.
_REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

# Size limits of what the public may write (characters; the form says the same).
LIMITS = {
    "requester_name": 200,
    "requester_email": 254,
    "rights_holder": 200,
    "works": 5000,
    "work_urls": 2000,
    "request_text": 5000,
}
MAX_WORK_URLS = 20
DEFAULT_RESPONSE_DAYS = 30


def rights_request_response_days(organisation: Organisation) -> int:
    """The days the provider's copyright policy in force gives itself to answer complaints
    (Measure 1.5); the portal's default while it has none."""
    from registry.workspace.selectors.copyright import copyright_policy_current

    policy = copyright_policy_current(organisation)
    return policy.complaint_response_days if policy is not None else DEFAULT_RESPONSE_DAYS


@dataclass(frozen=True)
class RightsRequestInput:
    kind: str
    requester_name: str
    requester_email: str
    acting_for: str
    works: str
    request_text: str
    rights_holder: str = ""
    work_urls: str = ""
    model: str = ""  # the id of a listed model filing of the provider; empty: all its models


def _validate(data: RightsRequestInput, provider: Organisation) -> dict[str, Any]:  # noqa: C901
    errors: dict[str, list[Any]] = {}
    values = {name: str(getattr(data, name) or "").strip() for name in LIMITS}
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            errors.setdefault(name, []).append(
                _("At most %(limit)d characters.") % {"limit": limit}
            )
    for name in ("requester_name", "requester_email", "works", "request_text"):
        if not values[name]:
            errors.setdefault(name, []).append(_("Required."))
    if data.kind not in RightsRequestKind.values:
        errors.setdefault("kind", []).append(_("Choose what you ask for."))
    if data.acting_for not in ActingFor.values:
        errors.setdefault("acting_for", []).append(_("Say for whom you act."))
    elif data.acting_for == ActingFor.REPRESENTATIVE and not values["rights_holder"]:
        errors.setdefault("rights_holder", []).append(_("Name the rights holder you represent."))
    urls = [line.strip() for line in values["work_urls"].splitlines() if line.strip()]
    if len(urls) > MAX_WORK_URLS:
        errors.setdefault("work_urls", []).append(
            _("At most %(count)d addresses.") % {"count": MAX_WORK_URLS}
        )
    if any(not u.startswith(("https://", "http://")) or " " in u for u in urls):
        errors.setdefault("work_urls", []).append(_("Give one web address (https://…) a line."))
    if values["requester_email"] and (
        "@" not in values["requester_email"] or any(c.isspace() for c in values["requester_email"])
    ):
        errors.setdefault("requester_email", []).append(_("Enter a valid e-mail address."))
    models = dict(rights_request_model_choices(provider))
    if data.model and data.model not in models:
        errors.setdefault("model", []).append(_("Choose one of the provider's listed models."))
    if errors:
        raise ValidationFailed(_("The request could not be filed."), field_errors=errors)
    values["work_urls"] = "\n".join(urls)
    values["requester_email"] = values["requester_email"].lower()
    values["model_name"] = models.get(data.model, "")
    return {**values, "model_filing_id": data.model or None}


def _rate_limit(*, provider: Organisation, client_address: str, email: str) -> None:
    """One budget after the other: a client already refused spends nobody else's budget (a flood
    from one address must not use up the provider's)."""
    rates = settings.RIGHTS_REQUEST_RATE
    budgets = (
        ("address", client_address or "unknown", _("from your network address")),
        ("email", email, _("from this e-mail address")),
        ("provider", str(provider.pk), _("to this provider")),
    )
    for name, value, whose in budgets:
        limit, period = rates[name]
        if not window_hit(f"rights:{name}:{value}", limit, period):
            hours = max(1, period // 3600)
            raise TooManyRequests(
                ngettext(
                    "Too many requests %(whose)s. Try again in %(hours)d hour; nothing was filed.",
                    "Too many requests %(whose)s. Try again in %(hours)d hours; nothing was filed.",
                    hours,
                )
                % {"whose": whose, "hours": hours},
                code=f"rate_limited_{name}",
            )


def _reference() -> str:
    year = timezone.localdate().year
    return f"RR-{year}-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


def rights_request_file(
    *, provider: Organisation, data: RightsRequestInput, client_address: str, language: str = ""
) -> RightsRequest:
    """A rights holder files a request (no account, so no actor): it waits, unconfirmed, until
    the link mailed to the given address is followed; only then does the provider see it. Which
    providers the public may address is the register's to say (rights_request_provider)."""
    values = _validate(data, provider)
    _rate_limit(provider=provider, client_address=client_address, email=values["requester_email"])
    with transaction.atomic():
        while True:
            reference = _reference()
            if not RightsRequest.objects.filter(reference=reference).exists():
                break
        request = RightsRequest.objects.create(
            organisation=provider,
            kind=data.kind,
            acting_for=data.acting_for,
            reference=reference,
            language=(language or "")[:8],
            **values,
        )
        transaction.on_commit(lambda: mail_confirmation(request.pk))
    return request


def _token_request(token: str) -> RightsRequest:
    expired = ValidationFailed(
        _(
            "This confirmation link has expired or is not valid. File the request again: an "
            "unconfirmed request is deleted after %(hours)d hours."
        )
        % {"hours": settings.RIGHTS_REQUEST_CONFIRM_HOURS},
        code="token_invalid",
    )
    try:
        pk = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.RIGHTS_REQUEST_CONFIRM_HOURS * 3600
        )
    except signing.BadSignature as exc:  # SignatureExpired is one
        raise expired from exc
    request = RightsRequest.objects.select_for_update().filter(pk=pk).first()
    if request is None:
        raise expired
    return request


def rights_request_peek(*, token: str) -> RightsRequest:
    """The request a confirmation link is for (the page that asks to confirm it)."""
    with transaction.atomic():
        return _token_request(token)


def _record(
    request: RightsRequest, kind: str, actor: Any, before: dict[str, Any], after: dict[str, Any]
) -> None:
    """The step in the request's history and in the provider's workspace audit. Never the
    requester's name or e-mail: the audit trail is read more widely than the inbox."""
    RightsRequestEvent.objects.create(
        request=request,
        kind=kind,
        actor_id=getattr(actor, "pk", None),
        actor_label=(getattr(actor, "audit_actor_label", None) or str(actor or ""))[:254],
    )
    with tenant_context(request.organisation):
        audit_record(
            actor=actor,
            action=f"rights_request.{kind}",
            obj=request,
            before=before,
            after=after,
            organisation_id=request.organisation_id,
        )


def rights_request_confirm(*, token: str) -> RightsRequest:
    """The requester followed the link: the request reaches the provider (received, with its due
    date), the provider's administrators are told and the requester gets the reference. A second
    click changes nothing and mails nothing."""
    with transaction.atomic():
        request = _token_request(token)
        if request.status != RightsRequestStatus.UNCONFIRMED:
            return request
        now = timezone.now()
        request.status = RightsRequestStatus.RECEIVED
        request.confirmed_at = now
        days = rights_request_response_days(request.organisation)
        request.due_on = timezone.localdate(now) + timedelta(days=days)
        request.save(update_fields=["status", "confirmed_at", "due_on"])
        _record(
            request,
            RightsRequestEventKind.CONFIRMED,
            None,
            {"status": RightsRequestStatus.UNCONFIRMED},
            {"status": request.status, "due_on": request.due_on, "kind": request.kind},
        )
        transaction.on_commit(lambda: mail_received(request.pk))
    return request


def _locked(*, actor: Any, organisation: Organisation, request_id: Any) -> RightsRequest:
    authorise(actor, "rights_request.answer", organisation)
    try:
        request = (
            RightsRequest.objects.select_for_update()
            .select_related("organisation")
            .filter(organisation=organisation, pk=request_id)
            .exclude(status=RightsRequestStatus.UNCONFIRMED)
            .first()
        )
    except (ValueError, TypeError, DjangoValidationError):
        request = None
    if request is None:
        raise NotFound(_("No such request."), code="rights_request_not_found")
    return request


def _refuse_closed(request: RightsRequest, allowed: tuple[str, ...]) -> None:
    if request.status not in allowed:
        raise Conflict(
            _("A request with the status %(status)s cannot take this step.")
            % {"status": request.get_status_display()},
            code="invalid_transition",
        )


def rights_request_start_review(
    *, actor: Any, organisation: Organisation, request_id: Any
) -> RightsRequest:
    with transaction.atomic():
        request = _locked(actor=actor, organisation=organisation, request_id=request_id)
        _refuse_closed(request, (RightsRequestStatus.RECEIVED,))
        request.status = RightsRequestStatus.UNDER_REVIEW
        request.review_started_at = timezone.now()
        request.save(update_fields=["status", "review_started_at"])
        _record(
            request,
            RightsRequestEventKind.REVIEW_STARTED,
            actor,
            {"status": RightsRequestStatus.RECEIVED},
            {"status": request.status},
        )
    return request


def _close(
    *, actor: Any, organisation: Organisation, request_id: Any, text: str, answer: bool
) -> RightsRequest:
    field = "answer" if answer else "rejection_reason"
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(
            _("Write the answer.") if answer else _("Give the reason for the rejection."),
            field_errors={field: [_("Required.")]},
        )
    if len(text) > LIMITS["request_text"]:
        raise ValidationFailed(
            _("The text is too long."),
            field_errors={field: [_("At most %(limit)d characters.") % {"limit": 5000}]},
        )
    with transaction.atomic():
        request = _locked(actor=actor, organisation=organisation, request_id=request_id)
        _refuse_closed(request, OPEN_RIGHTS_STATUSES)
        before = {"status": request.status}
        request.status = RightsRequestStatus.ANSWERED if answer else RightsRequestStatus.REJECTED
        setattr(request, field, text)
        request.closed_at = timezone.now()
        request.save(update_fields=["status", field, "closed_at"])
        _record(
            request,
            RightsRequestEventKind.ANSWERED if answer else RightsRequestEventKind.REJECTED,
            actor,
            before,
            {"status": request.status, field: text},
        )
        transaction.on_commit(lambda: mail_outcome(request.pk))
    return request


def rights_request_answer(
    *, actor: Any, organisation: Organisation, request_id: Any, answer: str
) -> RightsRequest:
    """The provider answers; the answer is e-mailed to the requester."""
    return _close(
        actor=actor, organisation=organisation, request_id=request_id, text=answer, answer=True
    )


def rights_request_reject(
    *, actor: Any, organisation: Organisation, request_id: Any, reason: str
) -> RightsRequest:
    """The provider rejects the request with a reason, which is e-mailed to the requester."""
    return _close(
        actor=actor, organisation=organisation, request_id=request_id, text=reason, answer=False
    )


def rights_requests_purge_unconfirmed(*, now: Any = None) -> int:
    """Delete requests whose confirmation link expired unused, with the personal data they hold
    (GDPR Art 5(1)(e)); the daily beat job. Returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.RIGHTS_REQUEST_CONFIRM_HOURS)
    deleted, _counts = RightsRequest.objects.filter(
        status=RightsRequestStatus.UNCONFIRMED, created_at__lt=cutoff
    ).delete()
    return deleted
