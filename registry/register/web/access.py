"""Who may open the regulator console: authority members only. Anonymous visitors are sent to the
login page; signed-in people without an authority membership get the portal's 403 page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from portal.accounts.models import AuthorityKind
from registry.register.selectors import regulator_memberships

R = TypeVar("R", bound=HttpResponseBase)  # a page, or a file (a PDF, evidence)


def regulator_required(view: Callable[..., R]) -> Callable[..., R | HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> R | HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        memberships = regulator_memberships(request.user)
        if not memberships:
            return render(request, "403.html", status=403)
        request.authority_memberships = memberships  # type: ignore[attr-defined]
        # Art 88-94: the AI Office sees the rights-request statistics of GPAI providers.
        request.sees_rights_statistics = any(  # type: ignore[attr-defined]
            m.authority.kind == AuthorityKind.AI_OFFICE for m in memberships
        )
        return view(request, *args, **kwargs)

    return wrapper
