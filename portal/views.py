from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal.accounts.selectors import authority_memberships_of, memberships_of


def public_home(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {}
    if request.user.is_authenticated:
        context["memberships"] = memberships_of(request.user)
        context["authority_memberships"] = authority_memberships_of(request.user)
    return render(request, "public/home.html", context)


@login_required
def organisation_dashboard(request: HttpRequest) -> HttpResponse:
    # The membership middleware has already refused non-members; request.membership is set.
    from registry.workspace.web.views_dashboard import dashboard_context

    return render(request, "workspace/dashboard.html", dashboard_context(request))
