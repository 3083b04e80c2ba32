"""How a domain error reaches a person at the console, beside the API's problem+json and the
web's form errors (portal.web_errors): a management command ends with the service's message
(CommandError, exit status 1) and changes nothing more."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import CommandError

from portal.errors import DomainError


@contextmanager
def service_errors() -> Iterator[None]:
    """``with service_errors(): service(...)`` in a command's ``handle``."""
    try:
        yield
    except DomainError as exc:
        raise CommandError(str(exc)) from None
