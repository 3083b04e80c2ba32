"""The Representatives page of an organisation's settings (Art 22, Art 54): both sides see their
mandates and the history of each; a non-EU provider offers one; the representative accepts or
declines it and verifies the filings the provider prepared; either side terminates it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.sensitive import sensitive_step
from portal.web_errors import button_post, run_service
from registry.register.models import Mandate
from registry.register.selectors_mandates import mandates_for, verifications_awaiting
from registry.register.services import mandates as services
from registry.workspace.permissions import current_organisation
from registry.workspace.services.representation import (
    filing_verification_decide,
    filing_verification_request,
)
from registry.workspace.web.access import ability_required
from registry.workspace.web.forms_mandates import MandateOfferForm, ReasonForm

readers = ability_required("mandate.read")
PAGE = "org_settings:representatives"


def _page(request: HttpRequest, form: MandateOfferForm | None = None, status: int = 200) -> Any:
    organisation = current_organisation()
    return render(
        request,
        "workspace/settings/representatives.html",
        {
            "section": "representatives",
            "organisation": organisation,
            "mandates": list(mandates_for(organisation=organisation)),
            "awaiting": list(verifications_awaiting(representative=organisation)),
            "offer_form": form or MandateOfferForm(),
            "reason_form": ReasonForm(),
        },
        status=status,
    )


@readers
@sensitive_step  # offering a mandate names who answers for the provider (Art 22, Art 54)
def representatives(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    form = MandateOfferForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=422)
    from portal.tenancy.models import Organisation

    data = form.cleaned_data
    document = data["document"]
    created = run_service(
        request,
        lambda: services.mandate_offer(
            actor=request.user,
            provider=current_organisation(),
            representative=Organisation.objects.filter(slug=data["representative"]).first(),
            scope=data["scope"],
            systems=data["systems"],
            gpai_models=data["gpai_models"],
            tasks=data["tasks"],
            submitter=data["submitter"],
            verification_required=data["verification_required"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            file=document,
            filename=document.name,
        ),
        form=form,
        page=lambda _e, status: _page(request, form, status=status),
    )
    if isinstance(created, HttpResponse):
        return created
    messages.success(request, _("The mandate was offered."))
    return redirect(PAGE)


def _mandate(pk: int) -> Mandate:
    mandate = mandates_for(organisation=current_organisation()).filter(pk=pk).first()
    if mandate is None:
        raise Http404("No such mandate.")
    return mandate


def _reason(request: HttpRequest) -> str:
    return str(request.POST.get("reason", ""))


@readers
@require_POST
@sensitive_step
def mandate_accept_view(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = _mandate(pk)
    return button_post(
        request,
        lambda: services.mandate_accept(actor=request.user, mandate=mandate),
        back_to=reverse(PAGE),
        success=_("The mandate is accepted."),
    )


@readers
@require_POST
def mandate_decline_view(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = _mandate(pk)
    return button_post(
        request,
        lambda: services.mandate_decline(
            actor=request.user, mandate=mandate, reason=_reason(request)
        ),
        back_to=reverse(PAGE),
        success=_("The mandate is declined."),
    )


@readers
@require_POST
@sensitive_step
def mandate_terminate_view(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = _mandate(pk)
    return button_post(
        request,
        lambda: services.mandate_terminate(
            actor=request.user,
            mandate=mandate,
            organisation=current_organisation(),
            reason=_reason(request),
        ),
        back_to=reverse(PAGE),
        success=_("The mandate is terminated; the competent authorities are informed."),
    )


@readers
@require_POST
@sensitive_step
def verification_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    verification = (
        verifications_awaiting(representative=current_organisation()).filter(pk=pk).first()
    )
    if verification is None:
        raise Http404("No such verification.")
    verified = request.POST.get("decision") in ("verify", "submit")
    return button_post(
        request,
        lambda: filing_verification_decide(
            actor=request.user,
            verification=verification,
            organisation=current_organisation(),
            verified=verified,
            reason=_reason(request),
            submit=request.POST.get("decision") == "submit",
        ),
        back_to=reverse(PAGE),
        success=_("Your answer is recorded."),
    )


@ability_required("filing.prepare")
@require_POST
def verification_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    from registry.workspace.models.drafts import FilingDraft

    draft = FilingDraft.objects.filter(pk=pk).first()
    if draft is None:
        raise Http404("No such draft.")
    back = reverse("filings:filing_detail", args=[draft.pk])
    return button_post(
        request,
        lambda: filing_verification_request(actor=request.user, draft=draft),
        back_to=back,
        success=_("The filing was sent to your authorised representative for verification."),
    )
