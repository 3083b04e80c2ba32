"""Roles on the web pages (a service's refusal reaches the page through portal.web_errors).

The membership middleware has refused non-members and set ``request.membership``. Viewers read;
a page that changes something refuses them with the 403 page before any form is read. The
services check the role again (``require_role``), so a page that forgot would still be refused.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

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
