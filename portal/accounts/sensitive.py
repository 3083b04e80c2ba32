"""Sensitive steps: the one rule that asks for a fresh second factor (issue 14 item 2).

Creating an API key, changing an organisation's members, taking a regulator's decision on a
filing, an authority's step on a serious-incident report, and offering, accepting or terminating
an authorised representative's mandate or verifying a filing under it act for others in ways that
are hard to undo; a session left open on a shared computer,
or stolen, must not take them. A web view that does such a step is decorated ``@sensitive_step``:
its POST needs a second factor that passed within ``TWO_FACTOR_REAUTH_MINUTES`` (log-in counts),
else the person is sent to enter a code and then back to the page to submit again.

The API is not affected: a key is its own credential (portal.accounts.api_keys).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from portal.accounts.two_factor import second_factor_fresh
from portal.accounts.views_two_factor import reauth_url

View = Callable[..., HttpResponse]


def _back_to(request: HttpRequest) -> str:
    """The page the form was on (a POST cannot be replayed after the code): its Referer on this
    host, else the decorated URL itself."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.path and referer.netloc == request.get_host():
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return request.path


def sensitive_step(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST" and not second_factor_fresh(request.session):
            messages.info(
                request,
                _("This step needs a fresh confirmation: enter a code, then submit again."),
            )
            target = reauth_url(_back_to(request))
            if getattr(request, "htmx", False):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return HttpResponseRedirect(target)
        return view(request, *args, **kwargs)

    return wrapped
