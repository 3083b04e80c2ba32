"""The public's side of rights holders' requests (Art 53(1)(c), Code of Practice Measure 1.5): the
form on a GPAI provider's public page, and the confirmation link mailed to the requester. No log-in;
abuse meets the service's rate limits and size limits, the e-mail confirmation and a honeypot."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from portal import errors
from portal.accounts.throttle import client_ip
from portal.web_errors import error_status, run_service
from registry.register.selectors_rights_requests import (
    rights_request_model_choices,
    rights_request_provider,
)
from registry.register.services import rights_requests as services
from registry.register.web.forms_rights_requests import HONEYPOT, RightsRequestForm


@require_http_methods(["GET", "POST"])
def rights_request_new(request: HttpRequest, slug: str) -> HttpResponse:
    provider = rights_request_provider(slug)
    if provider is None:
        raise Http404("No such GPAI provider.")
    form = RightsRequestForm(request.POST or None, models=rights_request_model_choices(provider))

    def page(status: int) -> HttpResponse:
        context = {"provider": provider, "form": form}
        return render(request, "register/rights_request_form.html", context, status=status)

    if request.method != "POST" or not form.is_valid():
        return page(422 if form.is_bound else 200)
    data = form.cleaned_data
    if data.get(HONEYPOT):
        # A bot: it is told what a person is told, and nothing is filed or mailed.
        return render(request, "register/rights_request_sent.html", {"provider": provider})
    fields = {k: v for k, v in data.items() if k != HONEYPOT}
    result = run_service(
        request,
        lambda: services.rights_request_file(
            provider=provider,
            data=services.RightsRequestInput(**fields),
            client_address=client_ip(request) or "",
            language=translation.get_language() or "",
        ),
        form=form,
        page=lambda error, status: page(
            error.status if isinstance(error, errors.TooManyRequests) else status
        ),
    )
    if isinstance(result, HttpResponse):
        return result
    return render(request, "register/rights_request_sent.html", {"provider": provider})


@require_http_methods(["GET", "POST"])
def rights_request_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows what is about to be sent, POST sends it: a mail scanner that follows links
    does not confirm for the person."""
    call = (
        (lambda: services.rights_request_confirm(token=token))
        if request.method == "POST"
        else (lambda: services.rights_request_peek(token=token))
    )
    try:
        rights_request = call()
    except errors.DomainError as error:
        return render(
            request,
            "register/rights_request_confirm.html",
            {"error": error.message},
            status=error_status(error),
        )
    return render(
        request,
        "register/rights_request_confirm.html",
        {"rights_request": rights_request, "token": token},
    )
