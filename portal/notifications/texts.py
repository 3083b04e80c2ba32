"""The words of each kind of notification, translated when read (the reader's language)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

# kind -> (what the person is told, who gets it; the kinds a person can choose e-mail for)
KINDS: dict[str, Any] = {
    "filing.new": _("New filing %(number)s, version %(version)s: %(subject)s (%(organisation)s)"),
    "filing.changes_requested": _(
        "Changes requested for %(number)s, version %(version)s: %(subject)s"
    ),
    "filing.registered": _("Registered: %(number)s, version %(version)s: %(subject)s"),
    "filing.rejected": _("Rejected: %(number)s, version %(version)s: %(subject)s"),
    "filing.withdrawn": _("Withdrawn: %(number)s, version %(version)s: %(subject)s"),
    "filing.review_started": _("Review started: %(number)s, version %(version)s: %(subject)s"),
    "mandate.offered": _("%(provider)s offers %(representative)s a representative mandate"),
    "mandate.accepted": _("%(representative)s accepted the mandate of %(provider)s"),
    "mandate.declined": _("%(representative)s declined the mandate of %(provider)s"),
    "mandate.terminated": _(
        "The mandate between %(provider)s and %(representative)s was terminated"
    ),
    "verification.requested": _("%(provider)s asks you to verify a filing: %(subject)s"),
    "rights_request.received": _("A rights holder's request %(reference)s reached you"),
    # Serious-incident reports (Art 73, Art 55(1)(c)).
    "incident.new": _(
        "New serious-incident report %(reference)s, version %(version)s: %(subject)s "
        "(%(organisation)s)"
    ),
    "incident.submitted": _(
        "Incident report %(reference)s, version %(version)s sent to %(authority)s: %(subject)s"
    ),
    "incident.acknowledged": _("%(authority)s acknowledged incident report %(reference)s"),
    "incident.information_requested": _(
        "%(authority)s requests information about incident %(reference)s by %(due_on)s"
    ),
    "incident.measure_recorded": _(
        "%(authority)s recorded a measure about incident %(reference)s: %(subject)s"
    ),
    "incident.closed": _("%(authority)s closed incident report %(reference)s"),
}
# What each kind is, for the settings page.
KIND_LABELS: dict[str, Any] = {
    "filing.new": _("A new filing I may review"),
    "filing.changes_requested": _("An authority asks for changes to a filing"),
    "filing.registered": _("A filing is registered"),
    "filing.rejected": _("A filing is rejected"),
    "filing.withdrawn": _("A filing is withdrawn"),
    "filing.review_started": _("An authority starts reviewing a filing"),
    "mandate.offered": _("A representative mandate is offered to my organisation"),
    "mandate.accepted": _("A representative accepts my organisation's mandate"),
    "mandate.declined": _("A representative declines my organisation's mandate"),
    "mandate.terminated": _("A representative mandate is terminated"),
    "verification.requested": _("A provider asks my organisation to verify a filing"),
    "rights_request.received": _("A rights holder's request reaches the organisation"),
    "incident.new": _("A new serious-incident report to my authority"),
    "incident.submitted": _("A serious-incident report of my organisation is sent"),
    "incident.acknowledged": _("An authority acknowledges a serious-incident report"),
    "incident.information_requested": _("An authority requests information about an incident"),
    "incident.measure_recorded": _("An authority records a measure about an incident"),
    "incident.closed": _("An authority closes a serious-incident report"),
}


def text(kind: str, params: dict[str, Any]) -> str:
    template = KINDS.get(kind)
    if template is None:
        return kind
    try:
        return str(template) % params
    except (KeyError, TypeError, ValueError):
        return str(template)
