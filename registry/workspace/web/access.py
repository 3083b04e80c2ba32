"""Abilities on the web pages (a service's refusal reaches the page through portal.web_errors).

The membership middleware has refused non-members and set ``request.membership``. A page that
changes something refuses a member who lacks the ability with the 403 page before any form is
read; the table is portal.authz, which the services apply again, so a page that forgot would
still be refused. Templates read the same table as ``can`` (``{% if can.filing_submit %}``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from portal.authz import abilities, role_may
from portal.web_errors import forbidden

View = Callable[..., HttpResponse]


def _role(request: HttpRequest) -> str | None:
    membership = getattr(request, "membership", None)
    return None if membership is None else membership.role


def may(request: HttpRequest, action: str) -> bool:
    """Whether the signed-in member of this organisation may take ``action`` (portal.authz)."""
    return role_may(_role(request), action)


def ability_required(action: str) -> Callable[[View], View]:
    """Refuse (403 page) members who may not take ``action``, for GET and POST alike."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not may(request, action):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def can(request: HttpRequest) -> dict[str, dict[str, bool]]:
    """Context processor: ``can.<ability>`` for every ability in portal.authz."""
    return {"can": abilities(_role(request))}


def found(value: Any) -> Any:
    if value is None:
        raise Http404
    return value
