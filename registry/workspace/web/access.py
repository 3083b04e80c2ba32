"""Roles on the web pages, and domain errors turned into what a page shows.

The membership middleware has refused non-members and set ``request.membership``. Viewers read;
a page that changes something refuses them with the 403 page before any form is read. The
services check the role again (``require_role``), so a page that forgot would still be refused.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from portal import errors
from portal.accounts.models import Role

View = Callable[..., HttpResponse]


def has_role(request: HttpRequest, role: str) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and Role(membership.role).at_least(role)


def role_required(role: str) -> Callable[[View], View]:
    """Refuse (403 page) members below ``role``, for GET and POST alike."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_role(request, role):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


editor_required = role_required(Role.EDITOR)
admin_required = role_required(Role.ADMIN)


def role_context(request: HttpRequest) -> dict[str, bool]:
    """What the templates ask to show or hide edit and approve buttons."""
    return {
        "can_edit": has_role(request, Role.EDITOR),
        "can_approve": has_role(request, Role.ADMIN),
    }


def found(value: Any) -> Any:
    if value is None:
        raise Http404
    return value


def apply_domain_error(
    form: forms.BaseForm, exc: errors.DomainError, aliases: dict | None = None
) -> None:
    """Put a service's refusal next to the fields it names (``aliases`` maps a service's field
    name to the form's); what names no field of the form goes to the summary box."""
    if isinstance(exc, errors.PermissionDenied):
        raise PermissionDenied(exc.message) from exc
    if isinstance(exc, errors.NotFound):
        raise Http404(exc.message) from exc
    aliases = aliases or {}
    placed = False
    for name, messages in exc.field_errors.items():
        target = aliases.get(name, name)
        for message in messages:
            if target in form.fields:
                form.add_error(target, message)
                placed = True
            else:
                form.add_error(None, f"{name}: {message}")
                placed = True
    if not placed:
        form.add_error(None, exc.message)
