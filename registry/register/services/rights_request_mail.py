"""The mails of rights holders' requests: the confirmation link to the requester, the reference
to the requester and the news to the provider's administrators once confirmed, and the answer or
rejection to the requester. Sent after the commit (the services register them with
transaction.on_commit); a mail server that is down is logged, the request stands."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.utils.formats import date_format
from django.utils.translation import gettext

from portal import mail
from portal.accounts.models import Membership
from portal.authz import roles_that_may
from portal.context_processors import portal_url
from portal.notifications.services import notify
from registry.register.models import RightsRequest, RightsRequestStatus

CONFIRM_SALT = "registry.rights_request.confirm"


def rights_request_token(request: RightsRequest) -> str:
    return signing.dumps(str(request.pk), salt=CONFIRM_SALT, compress=True)


def confirm_url(request: RightsRequest) -> str:
    return portal_url(None, f"/register/rights-requests/confirm/{rights_request_token(request)}/")


def _to_requester(request: RightsRequest, build: Any) -> int:
    """An e-mail to the requester, in the language it filed in (it has no account)."""
    return mail.send([mail.message_to(request.requester_email, request.language, build)])


def mail_confirmation(request_id: Any) -> None:
    request = RightsRequest.objects.select_related("organisation").get(pk=request_id)

    def build() -> tuple[str, str]:
        subject = gettext("Confirm your request to %(provider)s") % {
            "provider": request.organisation.legal_name
        }
        body = gettext(
            "You asked %(provider)s, through the EU AI Act portal, about the use of works "
            "(Art 53(1)(c) of Regulation (EU) 2024/1689).\n\n"
            "Confirm your e-mail address within %(hours)d hours to send the request:\n%(url)s\n\n"
            "If you did not file this request, ignore this message: it will be deleted."
        ) % {
            "provider": request.organisation.legal_name,
            "hours": settings.RIGHTS_REQUEST_CONFIRM_HOURS,
            "url": confirm_url(request),
        }
        return subject, body

    _to_requester(request, build)


def inbox_url(request: RightsRequest) -> str:
    return portal_url(request.organisation.slug, f"/rights-requests/{request.pk}/")


def mail_received(request_id: Any) -> None:
    request = RightsRequest.objects.select_related("organisation").get(pk=request_id)

    def to_requester() -> tuple[str, str]:
        subject = gettext("Your request %(reference)s reached %(provider)s") % {
            "reference": request.reference,
            "provider": request.organisation.legal_name,
        }
        body = gettext(
            "Your request reached %(provider)s. Its reference is %(reference)s; quote it in any "
            "message about it. The provider's policy gives it until %(due)s to answer; the "
            "answer will come to this address."
        ) % {
            "provider": request.organisation.legal_name,
            "reference": request.reference,
            "due": date_format(request.due_on) if request.due_on else "",
        }
        return subject, body

    _to_requester(request, to_requester)
    admins = [
        m.user
        for m in Membership.objects.filter(
            organisation=request.organisation,
            role__in=roles_that_may("rights_request.answer"),
            user__is_active=True,
        ).select_related("user")
    ]
    params = {"reference": request.reference, "kind": request.kind}
    emailed = notify(admins, "rights_request.received", params, inbox_url(request))

    def to_admins() -> tuple[str, str]:
        subject = gettext("Rights holder's request %(reference)s received") % params
        body = gettext(
            "A rights holder's request (%(kind)s) reached %(provider)s; answer it by %(due)s."
        ) % {
            "kind": request.get_kind_display(),
            "provider": request.organisation.legal_name,
            "due": date_format(request.due_on) if request.due_on else "",
        }
        link = gettext("Open it: %(url)s") % {"url": inbox_url(request)}
        return subject, f"{body}\n\n{link}\n"

    mail.send(mail.messages(emailed, to_admins))


def mail_outcome(request_id: Any) -> None:
    request = RightsRequest.objects.select_related("organisation").get(pk=request_id)

    def build() -> tuple[str, str]:
        if request.status == RightsRequestStatus.ANSWERED:
            subject = gettext("Answer to your request %(reference)s") % {
                "reference": request.reference
            }
            intro = gettext("%(provider)s answered your request %(reference)s:")
            text = request.answer
        else:
            subject = gettext("Your request %(reference)s was rejected") % {
                "reference": request.reference
            }
            intro = gettext("%(provider)s rejected your request %(reference)s, for this reason:")
            text = request.rejection_reason
        head = intro % {"provider": request.organisation.legal_name, "reference": request.reference}
        return subject, f"{head}\n\n{text}\n"

    _to_requester(request, build)
