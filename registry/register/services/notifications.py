"""E-mail about filings: to the entitled authorities on a new filing, to the organisation on a
decision, each in its recipient's language (portal/mail.py). Sent after commit; a mail server
that is down is logged, never fails the filing."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from portal import mail
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
from registry.register.services.mandate_notices import representative_admins

logger = logging.getLogger(__name__)


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

    def build() -> tuple[str, str]:
        params = {
            **_params(filing, version),
            "organisation": filing.organisation.legal_name,
            "kind": filing.get_kind_display(),
            "url": url,
        }
        return (
            _("New filing %(number)s, version %(version)s: %(subject)s") % params,
            _(
                "%(organisation)s filed %(kind)s %(number)s, version %(version)s.\n\n"
                "Review it: %(url)s\n"
            )
            % params,
        )

    return mail.send(mail.messages(sorted(emailed, key=lambda user: user.email), build))


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
    url = organisation_filing_url(filing)
    if kind is not None:
        emailed = {user.pk for user in notify(people, kind, _params(filing, decision.version), url)}
        admins = [m for m in admins if m.user_id in emailed]

    def build() -> tuple[str, str]:
        params = {
            **_params(filing, decision.version),
            "decision": decision.get_kind_display(),
            "kind": filing.get_kind_display(),
            "reason": decision.reason,
            "url": url,
        }
        body = _("%(decision)s for %(kind)s %(number)s (%(subject)s), version %(version)s.") % (
            params
        )
        if decision.reason:
            body += "\n\n" + _("Reason: %(reason)s") % params
        body += "\n\n" + _("Open it: %(url)s") % params + "\n"
        return _("%(number)s, version %(version)s: %(decision)s") % params, body

    recipients = {m.user.pk: m.user for m in admins}
    if decision.kind != ReviewDecisionKind.WITHDRAW:
        # Art 22(3)(d), Art 54(3)(d): an authority may address the representative instead.
        recipients.update({user.pk: user for user in representative_admins(filing)})
    return mail.send(mail.messages(sorted(recipients.values(), key=lambda u: u.email), build))


def notify_comment_to_representative(comment_id: int) -> int:
    """A regulator's comment on a filing of a non-EU provider, to its representative's
    administrators (the provider reads it on the filing's page)."""
    comment = ReviewComment.objects.select_related("version__filing__organisation").get(
        pk=comment_id
    )
    filing = comment.version.filing

    def build() -> tuple[str, str]:
        params = {
            "author": comment.author_label,
            "field": comment.field,
            "kind": filing.get_kind_display(),
            "number": filing.registration_number,
            "subject": filing.subject_name,
            "organisation": filing.organisation.legal_name,
            "version": comment.version.number,
            "body": comment.body,
        }
        subject = _("%(number)s, version %(version)s: comment by an authority") % params
        body = (
            _(
                "%(author)s commented on %(field)s of %(kind)s %(number)s (%(subject)s) of "
                "%(organisation)s, whose authorised representative you are:"
            )
            % params
        )
        return subject, f"{body}\n\n{comment.body}\n"

    return mail.send(mail.messages(representative_admins(filing), build))


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
