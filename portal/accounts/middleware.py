"""The first security property: an organisation's host opens nothing to a non-member.

Runs after authentication on every request to an organisation's host. A valid session for
another organisation, for the public site or for a regulator gets a 403 page here, not a redirect
(a redirect to the login page would loop for someone who is logged in).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from portal.accounts.selectors import membership_get

# Reachable on an organisation's host without membership: signing in and out (both steps), password
# reset, the login hand-over from the switcher, invitation links and static files. (/healthz never
# gets here: it is answered first, portal.health.HealthCheckMiddleware; "/healthzz" is a page like
# any other.)
OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/two-factor/",  # the second step of logging in, before anyone is a member here
    "/accounts/password/",
    "/accounts/handoff/",
    "/accounts/invitation/",
    "/i18n/",
    "/static/",
)


class TenantMembershipMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.membership = None  # type: ignore[attr-defined]
        if connection.schema_name == settings.PUBLIC_SCHEMA_NAME:
            return self.get_response(request)
        if request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            # The API authenticates keys and sessions itself and checks membership in its base
            # view; a session user who is not a member is refused there with problem+json.
            return self.get_response(request)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        membership = membership_get(user=request.user, organisation=request.tenant)
        if membership is None:
            response = TemplateResponse(
                request, "accounts/not_a_member.html", {"organisation": request.tenant}, status=403
            )
            return response.render()
        request.membership = membership  # type: ignore[attr-defined]
        return self.get_response(request)
