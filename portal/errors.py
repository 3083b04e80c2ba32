"""Domain errors: values with a stable code. One handler renders them as problem+json in the API
and as form errors in the UI; services raise nothing else for bad input."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal a user can act on. `code` is stable (clients branch on it); `message` is prose."""

    code = "invalid"
    status = 400

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        field_errors: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field_errors = field_errors or {}

    def __str__(self) -> str:
        if not self.field_errors:
            return self.message
        details = "; ".join(f"{f}: {' '.join(m)}" for f, m in self.field_errors.items())
        return f"{self.message} ({details})"


class ValidationFailed(DomainError):
    code = "validation_failed"


class Conflict(DomainError):
    code = "conflict"
    status = 409


class PermissionDenied(DomainError):
    code = "permission_denied"
    status = 403


class NotFound(DomainError):
    code = "not_found"
    status = 404
