"""The mails of rights holders' requests: the confirmation link to the requester, the reference
to the requester and the news to the provider's administrators once confirmed, and the answer or
rejection to the requester. Sent after the commit (the services register them with
transaction.on_commit); a mail server that is down is logged, the request stands."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext

from portal.accounts.models import Membership
from portal.authz import roles_that_may
from portal.context_processors import portal_url
from portal.notifications.services import notify
from registry.register.models import RightsRequest, RightsRequestStatus

logger = logging.getLogger(__name__)

CONFIRM_SALT = "registry.rights_request.confirm"


def rights_request_token(request: RightsRequest) -> str:
    return signing.dumps(str(request.pk), salt=CONFIRM_SALT, compress=True)


def confirm_url(request: RightsRequest) -> str:
    return portal_url(None, f"/register/rights-requests/confirm/{rights_request_token(request)}/")


def _mail(subject: str, body: str, to: list[str]) -> None:
    if not to:
        return
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)
    except Exception:  # noqa: BLE001 - mail is best effort once the step has committed
        logger.exception("could not send a rights-request e-mail")


def mail_confirmation(request_id: Any) -> None:
    request = RightsRequest.objects.select_related("organisation").get(pk=request_id)
    with translation.override(request.language or settings.LANGUAGE_CODE):
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
    _mail(subject, body, [request.requester_email])


def inbox_url(request: RightsRequest) -> str:
    return portal_url(request.organisation.slug, f"/rights-requests/{request.pk}/")


def mail_received(request_id: Any) -> None:
    request = RightsRequest.objects.select_related("organisation").get(pk=request_id)
    with translation.override(request.language or settings.LANGUAGE_CODE):
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
            "due": request.due_on.isoformat() if request.due_on else "",
        }
    _mail(subject, body, [request.requester_email])
    admins = [
        m.user
        for m in Membership.objects.filter(
            organisation=request.organisation,
            role__in=roles_that_may("rights_request.answer"),
            user__is_active=True,
        ).select_related("user")
    ]
    params = {"reference": request.reference, "kind": request.kind}
    for user in notify(admins, "rights_request.received", params, inbox_url(request)):
        _mail(
            f"Rights holder's request {request.reference} received",
            f"A rights holder's request ({request.get_kind_display()}) reached "
            f"{request.organisation.legal_name}; answer it by {request.due_on}.\n\n"
            f"Open it: {inbox_url(request)}\n",
            [user.email],
        )


def mail_outcome(request_id: Any) -> None:
    request = RightsRequest.objects.select_related("organisation").get(pk=request_id)
    with translation.override(request.language or settings.LANGUAGE_CODE):
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
    _mail(subject, f"{head}\n\n{text}\n", [request.requester_email])
