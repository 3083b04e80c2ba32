"""The one place where the portal's e-mails are written: each in its recipient's language.

A recipient's language is the one they last chose in the portal (``User.language``, set by the
language switcher), else the language active where the e-mail is built (the request's, e.g. the
inviter's for an invitation to an address without an account), else English. ``messages`` builds
each e-mail once per language under ``translation.override``, so the dates (portal/formats),
sizes (portal/formatting.py) and labels (registry/labels.py) in it follow that language too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import translation

from portal.accounts.models import User

Message = tuple[str, str, str, list[str]]  # subject, body, from, recipients (send_mass_mail)

logger = logging.getLogger(__name__)


def recipient_language(user: User | None) -> str:
    supported = {code for code, _name in settings.LANGUAGES}
    for language in (getattr(user, "language", ""), translation.get_language()):
        base = (language or "").split("-")[0]
        if base in supported:
            return base
    return "en"


@contextmanager
def in_language_of(user: User | None) -> Iterator[str]:
    """Write what follows (an e-mail) in ``user``'s language."""
    language = recipient_language(user)
    with translation.override(language):
        yield language


def messages(
    recipients: Iterable[User], build: Callable[[], tuple[str, str]], *, together: bool = False
) -> list[Message]:
    """The e-mails to ``recipients``, ``build()`` (subject, body) run once per language: one
    e-mail per recipient, or with ``together`` one per language addressed to all who read it."""
    built: dict[str, tuple[str, str]] = {}
    to: dict[str, list[str]] = {}
    out: list[Message] = []
    for user in recipients:
        if not user.email:
            continue
        with in_language_of(user) as language:
            if language not in built:
                built[language] = build()
        if together:
            to.setdefault(language, []).append(user.email)
        else:
            out.append((*built[language], settings.DEFAULT_FROM_EMAIL, [user.email]))
    out += [
        (*built[language], settings.DEFAULT_FROM_EMAIL, emails) for language, emails in to.items()
    ]
    return out


def message_to(address: str, language: str, build: Callable[[], tuple[str, str]]) -> Message:
    """One e-mail to an address without an account (a rights holder), in ``language`` (the one
    its owner used in the portal), ``build()`` giving (subject, body)."""
    supported = {code for code, _name in settings.LANGUAGES}
    base = (language or "").split("-")[0]
    with translation.override(base if base in supported else "en"):
        subject, body = build()
    return (subject, body, settings.DEFAULT_FROM_EMAIL, [address] if address else [])


def send(messages: Iterable[Message]) -> int:
    """Send after the step has committed, best effort: a mail server that is down is logged and
    never undoes the step. Messages without a recipient are dropped. Returns the number sent."""
    ready = [m for m in messages if m[3]]
    if not ready:
        return 0
    try:
        return int(send_mass_mail(ready, fail_silently=False))
    except Exception:  # noqa: BLE001 - mail is best effort after the commit
        logger.exception("could not send %d e-mails", len(ready))
        return 0
