"""The provider's inbox of rights holders' requests (Art 53(1)(c), Code of Practice Measure 1.5),
in the GPAI area of its workspace. The requests live in the public schema (the public files
them); these pages read them through the register's selectors and act through its services."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.pagination import list_controls, paginate
from portal.web_errors import button_post, form_post
from registry.register.models import RightsRequest
from registry.register.selectors_rights_requests import (
    INBOX_SORTS,
    is_overdue,
    rights_request_get,
    rights_request_inbox,
)
from registry.register.services import rights_requests as services
from registry.register.web.forms_rights_requests import (
    RightsRequestAnswerForm,
    RightsRequestRejectForm,
)
from registry.workspace.permissions import current_organisation
from registry.workspace.web.access import ability_required


def _request_or_404(request: HttpRequest, pk: str) -> RightsRequest:
    found = rights_request_get(
        actor=request.user, organisation=current_organisation(), request_id=pk
    )
    if found is None:
        raise Http404("No such request.")
    return found


@require_GET
@ability_required("rights_request.read")
def inbox(request: HttpRequest) -> HttpResponse:
    rows = rights_request_inbox(actor=request.user, organisation=current_organisation())
    page = paginate(request, rows, sorts=INBOX_SORTS)
    for row in page.rows:
        row.overdue = is_overdue(row)
    return render(
        request,
        "workspace/gpai/rights_requests.html",
        {"rights_requests": page.rows, **list_controls(page, INBOX_SORTS)},
    )


def _detail(request: HttpRequest, pk: str, **forms: object) -> HttpResponse:
    found = _request_or_404(request, pk)
    context = {
        "rights_request": found,
        "overdue": is_overdue(found),
        "answer_form": forms.get("answer_form") or RightsRequestAnswerForm(),
        "reject_form": forms.get("reject_form") or RightsRequestRejectForm(),
    }
    status = forms.get("status", 200)
    return render(
        request,
        "workspace/gpai/rights_request.html",
        context,
        status=status,  # type: ignore[arg-type]
    )


@require_GET
@ability_required("rights_request.read")
def detail(request: HttpRequest, pk: str) -> HttpResponse:
    return _detail(request, pk)


@require_POST
@ability_required("rights_request.answer")
def start_review(request: HttpRequest, pk: str) -> HttpResponse:
    found = _request_or_404(request, pk)
    return button_post(
        request,
        lambda: services.rights_request_start_review(
            actor=request.user, organisation=current_organisation(), request_id=found.pk
        ),
        back_to=f"/rights-requests/{found.pk}/",
        success=_("Review started."),
    )


@require_POST
@ability_required("rights_request.answer")
def answer(request: HttpRequest, pk: str) -> HttpResponse:
    found = _request_or_404(request, pk)
    form = RightsRequestAnswerForm(request.POST)
    return form_post(
        request,
        form,
        lambda: services.rights_request_answer(
            actor=request.user,
            organisation=current_organisation(),
            request_id=found.pk,
            answer=form.cleaned_data["answer"],
        ),
        page=lambda status: _detail(request, pk, answer_form=form, status=status),
        success=_("Answer sent to the requester."),
        done=lambda saved: redirect("gpai:rights_request", pk=saved.pk),
    )


@require_POST
@ability_required("rights_request.answer")
def reject(request: HttpRequest, pk: str) -> HttpResponse:
    found = _request_or_404(request, pk)
    form = RightsRequestRejectForm(request.POST)
    return form_post(
        request,
        form,
        lambda: services.rights_request_reject(
            actor=request.user,
            organisation=current_organisation(),
            request_id=found.pk,
            reason=form.cleaned_data["reason"],
        ),
        page=lambda status: _detail(request, pk, reject_form=form, status=status),
        success=_("Request rejected; the reason was sent to the requester."),
        done=lambda saved: redirect("gpai:rights_request", pk=saved.pk),
        aliases={"rejection_reason": "reason"},
    )
