"""Who hears about a mandate's step, and how: the other side's administrators (the bell and
e-mail), both organisations' webhooks, and on termination the competent authorities (Art 22(4):
the market-surveillance authority; Art 54(5): the AI Office). Sent after commit; a mail server or
webhook receiver that is down is logged, never undoes the step."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal import mail
from portal.accounts.models import Authority, AuthorityKind, AuthorityMembership, Membership
from portal.authz import roles_that_may
from portal.context_processors import portal_url
from portal.notifications.services import notify
from portal.notifications.texts import KINDS
from registry.register.models import MODEL_KINDS, SYSTEM_KINDS, Filing, Mandate, MandateScope

logger = logging.getLogger(__name__)

MANDATES_PATH = "/settings/representatives/"


def covered_filings(mandate: Mandate) -> list[Filing]:
    """The provider's filings the mandate covers (a listed GPAI model covers its versions' filings,
    named by the model uid the snapshot records)."""
    filings = Filing.objects.filter(
        organisation_id=mandate.provider_id, kind__in=[*SYSTEM_KINDS, *MODEL_KINDS]
    ).exclude(kind="annex_viii_c")
    if mandate.scope == MandateScope.ALL:
        return list(filings)
    return list(
        filings.filter(
            Q(kind__in=SYSTEM_KINDS, subject_id__in=mandate.systems)
            | Q(
                kind__in=MODEL_KINDS,
                versions__snapshot__subject__model_id__in=mandate.gpai_models,
            )
        ).distinct()
    )


def authorities_to_inform(mandate: Mandate) -> list[Authority]:
    """The national market-surveillance authorities of the member states the covered filings
    name, and the AI Office when the mandate covers GPAI models."""
    filings = covered_filings(mandate)
    states = sorted({state for f in filings for state in f.member_states})
    gpai = bool(mandate.gpai_models) or any(f.kind in MODEL_KINDS for f in filings)
    if not states and not gpai:
        return []
    wanted = Q(pk__in=[])
    if states:
        wanted |= Q(kind=AuthorityKind.NATIONAL_MSA, member_states__overlap=states)
    if gpai:
        wanted |= Q(kind=AuthorityKind.AI_OFFICE)
    return list(Authority.objects.filter(wanted).order_by("name"))


def _admins(organisation_id: int) -> list[Any]:
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=organisation_id, role__in=roles_that_may("mandate.answer")
        ).select_related("user")
    ]


def mandate_event_data(mandate: Mandate) -> dict[str, Any]:
    return {
        "mandate_id": mandate.pk,
        "provider": mandate.provider.slug,
        "representative": mandate.representative.slug,
        "status": mandate.status,
        "scope": mandate.scope,
        "submitter": mandate.submitter,
        "starts_on": mandate.starts_on.isoformat(),
        "ends_on": mandate.ends_on.isoformat() if mandate.ends_on else None,
        "reason": mandate.reason,
    }


# What a step changes, and so what its notices must report as the step left it.
STEP_FIELDS = ("status", "reason", "ended_by", "ended_at", "ends_on")


def mandate_notices_send(
    *,
    mandate_id: int,
    event: str,
    to: int,
    authorities: list[int],
    state: dict[str, Any] | None = None,
) -> int:
    """Tell the other side (bell and e-mail), both sides' webhooks, and the authorities, of the
    mandate as the step left it (`state`, the STEP_FIELDS when the step was taken): a later step
    committed in the same transaction must not rewrite what this one says."""
    from registry.webhooks.services import webhook_event_dispatch

    try:
        mandate = Mandate.objects.select_related("provider", "representative").get(pk=mandate_id)
    except Mandate.DoesNotExist:
        return 0
    for name, value in (state or {}).items():
        setattr(mandate, name, value)
    sent = 0
    other = mandate.provider if to == mandate.provider_id else mandate.representative
    params = {
        "provider": mandate.provider.legal_name,
        "representative": mandate.representative.legal_name,
    }
    url = portal_url(other.slug, MANDATES_PATH)
    try:
        emailed = notify(_admins(other.pk), event, params, url)

        def build() -> tuple[str, str]:
            body = _(
                "The authorised-representative mandate between %(provider)s (provider) and "
                "%(representative)s (representative) is now: %(status)s."
            ) % {**params, "status": mandate.get_status_display()}
            if mandate.reason:
                body += "\n\n" + _("Reason: %(reason)s") % {"reason": mandate.reason}
            body += "\n\n" + _("Open it: %(url)s") % {"url": url} + "\n"
            return str(KINDS[event] % params), body

        # One way to write an e-mail: portal.mail, in each reader's language (issue 15).
        sent += mail.send(mail.messages(emailed, build))
        if authorities:
            sent += _inform_authorities(mandate, authorities)
    except Exception:  # noqa: BLE001 - notices are best effort after the commit
        logger.exception("could not send the notices of %s for mandate %s", event, mandate_id)
    for organisation_id in (mandate.provider_id, mandate.representative_id):
        try:
            webhook_event_dispatch(
                organisation_id=organisation_id, event=event, data=mandate_event_data(mandate)
            )
        except Exception:  # noqa: BLE001
            logger.exception("could not queue %s for mandate %s", event, mandate_id)
    return sent


def _inform_authorities(mandate: Mandate, authority_ids: list[int]) -> int:
    """Art 22(4), Art 54(5): the termination and its reasons, to each authority's contact
    address (or, where it has none, its lead reviewers)."""
    filings = covered_filings(mandate)
    lines = "\n".join(
        f"- {f.registration_number} {f.subject_name}: "
        f"{portal_url(None, f'/regulator/filings/{f.pk}/')}"
        for f in filings
    )
    ended_by = {"provider": _("the provider"), "representative": _("the representative")}
    params = {
        "provider": mandate.provider.legal_name,
        "representative": mandate.representative.legal_name,
        "by": ended_by.get(mandate.ended_by, mandate.ended_by),
        "on": date_format(mandate.ended_at) if mandate.ended_at else "",
        "reason": mandate.reason,
    }
    subject = _("Authorised-representative mandate terminated: %(provider)s / %(representative)s")
    body = (
        _(
            "%(representative)s is no longer the authorised representative of %(provider)s: "
            "the mandate was terminated by %(by)s on %(on)s."
        )
        % params
        + "\n\n"
        + _("Reason: %(reason)s") % params
        + "\n\n"
        + _("Filings it covered:")
        + "\n"
        + (lines or _("- none filed yet"))
        + "\n"
    )
    subject = subject % params
    messages = []
    for authority in Authority.objects.filter(pk__in=authority_ids):
        recipients = [authority.contact_email] if authority.contact_email else []
        if not recipients:
            recipients = sorted(
                m.user.email
                for m in AuthorityMembership.objects.filter(
                    authority=authority, role="lead"
                ).select_related("user")
            )
        messages += [(subject, body, settings.DEFAULT_FROM_EMAIL, [r]) for r in recipients]
    return mail.send(messages)


def representative_admins(filing: Filing) -> list[Any]:
    """Whom a regulator's comment or change request on ``filing`` also reaches: the administrators
    of the representative whose mandate in force covers it (Art 22(3)(d), Art 54(3)(d): the
    representative may be addressed instead of the provider)."""
    from registry.register.selectors_mandates import filing_representatives

    representative = filing_representatives([filing]).get(filing.pk)
    if not representative or representative.get("status") != "active":
        return []
    mandate = Mandate.objects.get(pk=representative["mandate"])
    return sorted(_admins(mandate.representative_id), key=lambda user: user.email)
