"""E-mail about filings: to the entitled authorities on a new filing, to the organisation on a
decision. Sent after commit; a mail server that is down is logged, never fails the filing."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django_tenants.utils import tenant_context

from portal.accounts.models import AuthorityMembership, Membership
from portal.authz import roles_that_may
from portal.context_processors import portal_url
from portal.notifications.services import notify
from registry.register.models import (
    Filing,
    FilingVersion,
    ReviewComment,
    ReviewDecision,
    ReviewDecisionKind,
)
from registry.register.selectors import membership_sees_version
from registry.register.services.mandate_notices import representative_admin_emails

logger = logging.getLogger(__name__)


def _send(messages: list[tuple[str, str, str, list[str]]]) -> int:
    messages = [m for m in messages if m[3]]
    if not messages:
        return 0
    try:
        return send_mass_mail(messages, fail_silently=False)
    except Exception:  # noqa: BLE001 - mail is best-effort after the filing has committed
        logger.exception("could not send %d notification(s)", len(messages))
        return 0


def notify_new_filing(version_id: int) -> int:
    version = FilingVersion.objects.select_related("filing__organisation").get(pk=version_id)
    filing = version.filing
    readers = {}
    for membership in AuthorityMembership.objects.select_related("authority", "user"):
        # Those who may read this version (its own Art 49(4) flag and member states).
        if membership_sees_version(membership, filing, version):
            readers[membership.user.pk] = membership.user
    url = portal_url(None, f"/regulator/filings/{filing.pk}/")
    # In the portal for every reader; by e-mail for those who have not turned it off.
    emailed = notify(
        readers.values(),
        "filing.new",
        {**_params(filing, version), "organisation": filing.organisation.legal_name},
        url,
    )
    recipients = {user.email for user in emailed}
    subject = f"New filing {filing.registration_number} v{version.number}: {filing.subject_name}"
    body = (
        f"{filing.organisation.legal_name} filed {filing.get_kind_display()} "
        f"{filing.registration_number}, version {version.number}.\n\n"
        f"Review it: {portal_url(None, f'/regulator/filings/{filing.pk}/')}\n"
    )
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in sorted(recipients)])


def notify_decision(decision_id: int) -> int:
    decision = ReviewDecision.objects.select_related("version__filing__organisation").get(
        pk=decision_id
    )
    filing = decision.version.filing
    # Those who may file hear what became of the filing.
    admins = list(
        Membership.objects.filter(
            role__in=roles_that_may("filing.submit"), organisation=filing.organisation
        ).select_related("user")
    )
    kind = DECISION_KINDS.get(decision.kind)
    people = [m.user for m in admins]
    if kind is not None:
        emailed = {
            user.pk
            for user in notify(
                people, kind, _params(filing, decision.version), organisation_filing_url(filing)
            )
        }
        admins = [m for m in admins if m.user_id in emailed]
    subject = (
        f"{filing.registration_number} v{decision.version.number}: {decision.get_kind_display()}"
    )
    body = (
        f"{decision.get_kind_display()} for {filing.get_kind_display()} "
        f"{filing.registration_number} ({filing.subject_name}), version "
        f"{decision.version.number}.\n"
        + (f"\nReason: {decision.reason}\n" if decision.reason else "")
        + f"\nOpen it: {organisation_filing_url(filing)}\n"
    )
    recipients = sorted({m.user.email for m in admins})
    if decision.kind != ReviewDecisionKind.WITHDRAW:
        # Art 22(3)(d), Art 54(3)(d): an authority may address the representative instead.
        recipients = sorted({*recipients, *representative_admin_emails(filing)})
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients])


def notify_comment_to_representative(comment_id: int) -> int:
    """A regulator's comment on a filing of a non-EU provider, to its representative's
    administrators (the provider reads it on the filing's page)."""
    comment = ReviewComment.objects.select_related("version__filing__organisation").get(
        pk=comment_id
    )
    filing = comment.version.filing
    recipients = representative_admin_emails(filing)
    subject = f"{filing.registration_number} v{comment.version.number}: comment by an authority"
    body = (
        f"{comment.author_label} commented on {comment.field} of {filing.get_kind_display()} "
        f"{filing.registration_number} ({filing.subject_name}) of "
        f"{filing.organisation.legal_name}, whose authorised representative you are:\n\n"
        f"{comment.body}\n"
    )
    return _send([(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients])


# Review decisions as notification kinds (portal.notifications.texts).
DECISION_KINDS: dict[str, str] = {
    ReviewDecisionKind.START_REVIEW: "filing.review_started",
    ReviewDecisionKind.REQUEST_CHANGES: "filing.changes_requested",
    ReviewDecisionKind.REGISTER: "filing.registered",
    ReviewDecisionKind.REJECT: "filing.rejected",
    ReviewDecisionKind.WITHDRAW: "filing.withdrawn",
}


def _params(filing: Filing, version: FilingVersion) -> dict[str, object]:
    return {
        "number": filing.registration_number,
        "version": version.number,
        "subject": filing.subject_name,
    }


def organisation_filing_url(filing: Filing) -> str:
    """The filing's page on its organisation's host (the list of filings when it has no draft)."""
    from registry.workspace.selectors.drafts import filing_draft_paths

    with tenant_context(filing.organisation):
        path = filing_draft_paths([filing.pk]).get(filing.pk, "/filings/")
    return portal_url(filing.organisation.slug, path)
