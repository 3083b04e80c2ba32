"""Domain errors: values with a stable code. One handler renders them as problem+json in the API
and as form errors in the UI (portal.web_errors); services raise nothing else for bad input.

Messages are written for people and marked for translation (gettext_lazy, ngettext_lazy), so the
page or the problem+json shows them in the request's language; clients branch on `code`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # django-stubs is a test dependency only
    from django_stubs_ext import StrOrPromise


class DomainError(Exception):
    """A refusal a user can act on. `code` is stable (clients branch on it); `message` is prose."""

    code = "invalid"
    status = 400

    def __init__(
        self,
        message: StrOrPromise,
        *,
        code: str | None = None,
        field_errors: Mapping[str, Sequence[StrOrPromise]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field_errors: dict[str, list[StrOrPromise]] = {
            name: list(messages) for name, messages in (field_errors or {}).items()
        }

    def __str__(self) -> str:
        if not self.field_errors:
            return str(self.message)
        details = "; ".join(
            f"{f}: {' '.join(str(m) for m in ms)}" for f, ms in self.field_errors.items()
        )
        return f"{self.message} ({details})"


class ValidationFailed(DomainError):
    code = "validation_failed"


class Conflict(DomainError):
    code = "conflict"
    status = 409


class Forbidden(DomainError):
    """You may not (403 permission_denied). Named apart from Django's and DRF's PermissionDenied,
    which the web and API layers raise for their own gates."""

    code = "permission_denied"
    status = 403


class NotFound(DomainError):
    code = "not_found"
    status = 404


class TooManyRequests(DomainError):
    """A rate limit spent (429): the message says which, and when to try again."""

    code = "rate_limited"
    status = 429
