"""Regulator review and the organisation's withdrawal. Every step: a decision row, an audit event
in the public schema, the queue index updated, and e-mail once the transaction has committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import (
    ApiKey,
    AuthorityMembership,
    User,
)
from portal.audit.services import audit_record
from portal.authz import authorise, authority_authorise, authority_role_may
from portal.errors import Conflict, NotFound, ValidationFailed
from registry.register.admissibility import kind_refusal
from registry.register.models import (
    Filing,
    FilingStatus,
    FilingVersion,
    ReviewComment,
    ReviewDecision,
    ReviewDecisionKind,
)
from registry.register.selectors import (
    membership_sees,
    membership_sees_version,
    regulator_key_membership,
    regulator_memberships,
)
from registry.register.services.public_renditions import public_rendition_create

OPEN = {FilingStatus.SUBMITTED, FilingStatus.UNDER_REVIEW}

# decision -> (statuses it may follow, status it leads to, needs a lead reviewer)
TRANSITIONS: dict[str, tuple[set[str], str, bool]] = {
    ReviewDecisionKind.START_REVIEW: ({FilingStatus.SUBMITTED}, FilingStatus.UNDER_REVIEW, False),
    ReviewDecisionKind.REQUEST_CHANGES: (OPEN, FilingStatus.CHANGES_REQUESTED, False),
    # Registration and rejection are final for the version: a lead reviewer takes them.
    ReviewDecisionKind.REGISTER: (OPEN, FilingStatus.REGISTERED, True),
    ReviewDecisionKind.REJECT: (OPEN, FilingStatus.REJECTED, True),
}


def _entitlement(
    actor: User | ApiKey, filing: Filing, version: FilingVersion | None = None
) -> AuthorityMembership:
    """The membership through which `actor` acts on `filing` (leads first) and, when given, on
    `version` (the version a decision or comment concerns must be one the reviewer may read).

    An authority's API key acts as a reviewer of that authority (never a lead, never with
    Art 49(4) access): decisions that bind need a named person."""
    if isinstance(actor, ApiKey):
        key_membership = regulator_key_membership(actor)
        memberships = [key_membership] if key_membership is not None else []
    else:
        memberships = sorted(
            regulator_memberships(actor),
            key=lambda m: not authority_role_may(m.role, "review.decide_final"),
        )
    seeing = [m for m in memberships if membership_sees(m, filing)]
    if not seeing:
        # Not "forbidden": a filing outside one's jurisdiction does not exist for that reviewer.
        raise NotFound(_("No such filing."), code="filing_not_found")
    if version is None:
        return seeing[0]
    reading = next((m for m in seeing if membership_sees_version(m, filing, version)), None)
    if reading is None:
        raise NotFound(_("No such version."), code="version_not_found")
    return reading


def _actor_ref(actor: User | ApiKey) -> tuple[int | None, str]:
    """(id, label) for decision and comment rows; a key is named by its label, not a user id."""
    if isinstance(actor, ApiKey):
        return None, actor.audit_actor_label
    return actor.pk, actor.email


# Review decisions that integrators hear about through webhooks (registry.webhooks).
EVENTS = {
    ReviewDecisionKind.REQUEST_CHANGES: "filing.changes_requested",
    ReviewDecisionKind.REGISTER: "filing.registered",
    ReviewDecisionKind.REJECT: "filing.rejected",
}


def _emit(version_id: int, kind: str, reason: str) -> None:
    from registry.register.services.events import filing_event_emit

    filing_event_emit(version_id=version_id, event=EVENTS[kind], reason=reason)


def _latest_locked(filing: Filing) -> tuple[Filing, FilingVersion]:
    locked = Filing.objects.select_for_update().get(pk=filing.pk)
    version = (
        FilingVersion.objects.select_for_update().filter(filing=locked).order_by("-number").first()
    )
    if version is None:
        raise NotFound(_("The filing has no version."), code="filing_not_found")
    return locked, version


def _valid_fields(version: FilingVersion) -> set[str]:
    registration = version.snapshot.get("registration") or {}
    fields: set[str] = set()
    for item in registration.get("items", []):
        fields.add(item.get("code", ""))
        fields.update((item.get("fields") or {}).keys())
    return {field for field in fields if field} | {"general", "classification", "evidence"}


def _decide(
    *,
    actor: User | ApiKey,
    filing: Filing,
    kind: str,
    reason: str = "",
    comments: list[dict[str, str]] | None = None,
    version_number: int | None = None,
) -> ReviewDecision:
    allowed_from, target, needs_lead = TRANSITIONS[kind]
    _entitlement(actor, filing)  # a filing outside one's jurisdiction is not even locked
    with transaction.atomic():
        filing, version = _latest_locked(filing)
        # The newest version may name other member states (or the secure section): only an
        # authority that may read it decides on it.
        membership = _entitlement(actor, filing, version)
        # Checked on the membership that reads this version: a person may lead at one
        # authority and review at another.
        authority_authorise(
            actor, "review.decide_final" if needs_lead else "review.act", membership.role
        )
        if version_number is not None and version.number != version_number:
            raise Conflict(
                _(
                    "A newer version was filed in the meantime: version %(asked)d is no longer "
                    "the latest, version %(latest)d is. Reload the page to see it."
                )
                % {"asked": version_number, "latest": version.number},
                code="stale_version",
            )
        if version.status not in allowed_from:
            raise Conflict(
                _("The version's status (%(status)s) does not allow this decision (%(decision)s).")
                % {
                    "status": version.get_status_display(),
                    "decision": ReviewDecisionKind(kind).label,
                },
                code="invalid_transition",
            )
        if kind == ReviewDecisionKind.REGISTER:
            # What may be filed follows the law: re-checked against the classification the
            # version recorded, never the organisation's tables (this is the public schema).
            refusal = kind_refusal(filing.kind, version.snapshot.get("classification"))
            if refusal is not None:
                raise Conflict(
                    _("Not registered: %(reason)s") % {"reason": refusal.message},
                    code=refusal.code,
                )
        comments = comments or []
        if kind == ReviewDecisionKind.REQUEST_CHANGES and not (comments or reason.strip()):
            raise ValidationFailed(
                _("Say what must change: add a comment on a field or a reason."),
                field_errors={"comments": [_("At least one comment is needed.")]},
            )
        if kind == ReviewDecisionKind.REJECT and not reason.strip():
            raise ValidationFailed(
                _("A rejection needs a reason."),
                field_errors={"reason": [_("Give the reason for rejecting.")]},
            )
        valid = _valid_fields(version)
        bad = [c.get("field", "") for c in comments if c.get("field") not in valid]
        if bad:
            raise ValidationFailed(
                _("Comments must concern a field of this filing."),
                field_errors={
                    "comments": [_("Unknown field: %(field)s") % {"field": f} for f in bad]
                },
            )
        now = timezone.now()
        actor_id, actor_label = _actor_ref(actor)
        before = {"status": version.status}
        version.status = target
        version.decided_at = now if target != FilingStatus.UNDER_REVIEW else None
        version.save(update_fields=["status", "decided_at"])
        if target == FilingStatus.REGISTERED:
            _supersede_previous_registration(filing, version)
            filing.registered_version_number = version.number
            filing.registered_at = now
            public_rendition_create(version=version)  # what the public gets (Art 71(4)-(5))
        filing.status = target
        filing.save(
            update_fields=["status", "registered_version_number", "registered_at", "updated_at"]
        )
        ReviewComment.objects.bulk_create(
            [
                ReviewComment(
                    version=version,
                    field=c["field"],
                    body=c.get("body", "").strip(),
                    author_id=actor_id,
                    author_label=actor_label,
                    authority=membership.authority,
                )
                for c in comments
            ]
        )
        decision = ReviewDecision.objects.create(
            version=version,
            kind=kind,
            reason=reason.strip(),
            actor_id=actor_id,
            actor_label=actor_label,
            authority=membership.authority,
        )
        audit_record(
            actor=actor,
            action=f"filing.{kind}",
            obj=version,
            before=before,
            after={
                "status": target,
                "reason": reason.strip(),
                "authority": membership.authority.slug,
                "comments": len(comments),
            },
            organisation_id=filing.organisation_id,
        )
        transaction.on_commit(lambda: _notify(decision.pk))
        if kind in EVENTS:
            version_id, text = version.pk, reason.strip()
            transaction.on_commit(lambda: _emit(version_id, kind, text), robust=True)
    return decision


def _supersede_previous_registration(filing: Filing, version: FilingVersion) -> None:
    if filing.registered_version_number and filing.registered_version_number != version.number:
        old = FilingVersion.objects.select_for_update().get(
            filing=filing, number=filing.registered_version_number
        )
        old.status = FilingStatus.SUPERSEDED
        old.save(update_fields=["status"])


def _notify(decision_id: int) -> None:
    from registry.register.services.notifications import notify_decision

    notify_decision(decision_id)


def filing_start_review(*, actor: User | ApiKey, filing: Filing) -> ReviewDecision:
    return _decide(actor=actor, filing=filing, kind=ReviewDecisionKind.START_REVIEW)


def filing_request_changes(
    *,
    actor: User | ApiKey,
    filing: Filing,
    comments: list[dict[str, str]],
    reason: str = "",
    version_number: int | None = None,
) -> ReviewDecision:
    return _decide(
        actor=actor,
        filing=filing,
        kind=ReviewDecisionKind.REQUEST_CHANGES,
        comments=comments,
        reason=reason,
        version_number=version_number,
    )


def filing_register(
    *, actor: User | ApiKey, filing: Filing, version_number: int | None = None
) -> ReviewDecision:
    return _decide(
        actor=actor, filing=filing, kind=ReviewDecisionKind.REGISTER, version_number=version_number
    )


def filing_reject(
    *, actor: User | ApiKey, filing: Filing, reason: str, version_number: int | None = None
) -> ReviewDecision:
    return _decide(
        actor=actor,
        filing=filing,
        kind=ReviewDecisionKind.REJECT,
        reason=reason,
        version_number=version_number,
    )


def filing_comment(*, actor: User | ApiKey, filing: Filing, field: str, body: str) -> ReviewComment:
    """A remark on a field of the latest version without deciding anything yet."""
    membership = _entitlement(actor, filing)
    if not body.strip():
        raise ValidationFailed(
            _("A comment cannot be empty."), field_errors={"body": [_("Required.")]}
        )
    with transaction.atomic():
        filing, version = _latest_locked(filing)
        membership = _entitlement(actor, filing, version)
        authority_authorise(actor, "review.act", membership.role)
        if field not in _valid_fields(version):
            raise ValidationFailed(
                _("Comments must concern a field of this filing."),
                field_errors={"field": [_("Unknown field: %(field)s") % {"field": field}]},
            )
        actor_id, actor_label = _actor_ref(actor)
        comment = ReviewComment.objects.create(
            version=version,
            field=field,
            body=body.strip(),
            author_id=actor_id,
            author_label=actor_label,
            authority=membership.authority,
        )
        audit_record(
            actor=actor,
            action="filing.commented",
            obj=version,
            after={"field": field},
            organisation_id=filing.organisation_id,
        )
        transaction.on_commit(lambda: _comment_to_representative(comment.pk), robust=True)
    return comment


def _comment_to_representative(comment_id: int) -> None:
    from registry.register.services.notifications import notify_comment_to_representative

    notify_comment_to_representative(comment_id)


def filing_withdraw(*, actor: Any, filing: Filing, reason: str = "") -> ReviewDecision:
    """The organisation withdraws what it asked for last: a version awaiting review (the
    registered entry, if there is one, stays registered and public), or else the registered entry
    itself (it leaves the public register; its history stays with the authorities).

    `actor` is a member or an API key of the organisation (portal.authz: "filing.withdraw").
    """
    organisation = filing.organisation
    if hasattr(actor, "has_scope") and actor.organisation_id != organisation.pk:
        raise NotFound(_("No such filing."), code="filing_not_found")
    authorise(actor, "filing.withdraw", organisation)
    with transaction.atomic():
        filing, version = _latest_locked(filing)
        effect = withdrawal_effect(filing, version.status)
        registered = _registered_locked(filing)
        if effect == "version":
            # An unreviewed version: only that version goes; the entry keeps its registration.
            target_status = (
                FilingStatus.REGISTERED if _entry_registered(filing) else FilingStatus.WITHDRAWN
            )
        elif effect == "entry" and registered is not None:
            version = registered
            target_status = FilingStatus.WITHDRAWN
        else:
            raise Conflict(
                _("A version with the status %(status)s cannot be withdrawn.")
                % {"status": version.get_status_display()},
                code="invalid_transition",
            )
        before = {"status": version.status, "version": version.number}
        version.status = FilingStatus.WITHDRAWN
        version.decided_at = timezone.now()
        version.save(update_fields=["status", "decided_at"])
        filing.status = target_status
        filing.save(update_fields=["status", "updated_at"])
        decision = ReviewDecision.objects.create(
            version=version,
            kind=ReviewDecisionKind.WITHDRAW,
            reason=reason.strip(),
            actor_id=actor.pk,
            actor_label=getattr(actor, "audit_actor_label", None) or str(actor),
        )
        audit_record(
            actor=actor,
            action="filing.withdraw",
            obj=version,
            before=before,
            after={
                "status": FilingStatus.WITHDRAWN,
                "version": version.number,
                "entry_status": target_status,
                "reason": reason.strip(),
            },
            organisation_id=organisation.pk,
        )
        transaction.on_commit(lambda: _notify(decision.pk))
    return decision


def _registered_locked(filing: Filing) -> FilingVersion | None:
    if filing.registered_version_number is None:
        return None
    return (
        FilingVersion.objects.select_for_update()
        .filter(filing=filing, number=filing.registered_version_number)
        .first()
    )


def _entry_registered(filing: Filing) -> bool:
    """The entry has a registration in force: registered once and not withdrawn as a whole (a
    later version sent back, rejected or withdrawn leaves it in force and public)."""
    return filing.registered_version_number is not None and filing.status != FilingStatus.WITHDRAWN


def withdrawal_effect(filing: Filing, latest_status: str | None = None) -> str:
    """What `filing_withdraw` does now, the one rule for the service and the page: "version" (the
    unreviewed latest version goes, a registered entry stays public), "entry" (the registered
    entry leaves the public register) or "" (nothing to withdraw). `latest_status` saves the
    query when the caller has it."""
    if latest_status is None:
        latest = filing.versions.order_by("-number").only("status").first()
        latest_status = latest.status if latest is not None else ""
    if latest_status in OPEN:
        return "version"
    if _entry_registered(filing):
        return "entry"
    return ""
