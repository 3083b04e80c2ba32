"""The review loop on a comment: the organisation says how it dealt with it (``comment_resolve``),
a reviewer of the authority that wrote it confirms that (``comment_confirm``) or reopens it
(``comment_reopen``). Every step is audited; none of it is public (Art 78).

A comment stays bound to the version it was written on; the organisation usually resolves it by
submitting a new version, and the console shows the reviewer what changed in the field since
(``registry.register.comment_changes``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import ApiKey, User
from portal.audit.services import audit_record
from portal.authz import authorise
from portal.errors import Conflict, Forbidden, NotFound, ValidationFailed
from registry.register.models import ReviewComment
from registry.register.services.review import _actor_ref, _entitlement

RESOLUTION_MAX = 4000


def _locked(comment: ReviewComment | int) -> ReviewComment:
    pk = comment.pk if isinstance(comment, ReviewComment) else comment
    found = (
        ReviewComment.objects.select_for_update(of=("self",))
        .select_related("version__filing", "authority")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(_("No such comment."), code="comment_not_found")
    return found


def _audit(actor: Any, action: str, comment: ReviewComment, **after: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=comment.version,
        after={"comment": comment.pk, "field": comment.field, **after},
        organisation_id=comment.version.filing.organisation_id,
    )


def comment_resolve(*, actor: Any, comment: ReviewComment | int, resolution: str) -> ReviewComment:
    """The organisation answers a comment on one of its filings: what it changed (or why
    nothing needed changing). A member who prepares filings, or a key with the write scope."""
    text = (resolution or "").strip()
    if not text:
        raise ValidationFailed(
            _("Say how the comment was dealt with."),
            field_errors={"resolution": [_("Required.")]},
        )
    if len(text) > RESOLUTION_MAX:
        raise ValidationFailed(
            _("The answer is too long."),
            field_errors={
                "resolution": [
                    _("At most %(limit)d characters.") % {"limit": RESOLUTION_MAX}  # noqa: UP031
                ]
            },
        )
    with transaction.atomic():
        comment = _locked(comment)
        organisation = comment.version.filing.organisation
        if isinstance(actor, ApiKey) and actor.organisation_id != organisation.pk:
            raise NotFound(_("No such comment."), code="comment_not_found")
        authorise(actor, "filing.prepare", organisation)
        if comment.confirmed_at is not None:
            raise Conflict(
                _("A reviewer has already confirmed this comment as resolved."),
                code="comment_confirmed",
            )
        _id, label = _actor_ref(actor)
        comment.resolved_at = timezone.now()
        comment.resolved_by_label = label
        comment.resolution = text
        comment.save(update_fields=["resolved_at", "resolved_by_label", "resolution"])
        _audit(actor, "filing.comment_resolved", comment)
    return comment


def _reviewer_of(actor: User | ApiKey, comment: ReviewComment) -> None:
    """Only the authority that wrote a comment closes or reopens it, through a membership that
    may read the version it concerns (a reviewer elsewhere does not see the filing at all)."""
    membership = _entitlement(actor, comment.version.filing, comment.version)
    if membership.authority_id != comment.authority_id:
        raise Forbidden(
            _("Only the authority that wrote the comment can confirm or reopen it."),
            code="permission_denied",
        )


def comment_confirm(*, actor: User | ApiKey, comment: ReviewComment | int) -> ReviewComment:
    """A reviewer agrees that the organisation's answer settles the comment."""
    with transaction.atomic():
        comment = _locked(comment)
        _reviewer_of(actor, comment)
        if comment.resolved_at is None:
            raise Conflict(
                _("The organisation has not answered this comment yet."),
                code="comment_not_resolved",
            )
        if comment.confirmed_at is None:
            _id, label = _actor_ref(actor)
            comment.confirmed_at = timezone.now()
            comment.confirmed_by_label = label
            comment.save(update_fields=["confirmed_at", "confirmed_by_label"])
            _audit(actor, "filing.comment_confirmed", comment)
    return comment


def comment_reopen(*, actor: User | ApiKey, comment: ReviewComment | int) -> ReviewComment:
    """A reviewer finds the answer does not settle the comment: it is open again (the answer
    stays in the audit trail)."""
    with transaction.atomic():
        comment = _locked(comment)
        _reviewer_of(actor, comment)
        if comment.resolved_at is None and comment.confirmed_at is None:
            return comment
        comment.resolved_at = None
        comment.confirmed_at = None
        comment.confirmed_by_label = ""
        comment.save(update_fields=["resolved_at", "confirmed_at", "confirmed_by_label"])
        _audit(actor, "filing.comment_reopened", comment, resolution=comment.resolution)
    return comment
