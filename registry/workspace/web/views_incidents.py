"""Serious-incident pages of an organisation's host: the list with each clock, recording an
incident about a high-risk system or a systemic-risk model, its page (facts, clock, versions,
the authority's steps) and sending the initial, follow-up or final report. Membership is checked
by the middleware; roles by the services (sending binds the organisation: administrators)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from portal.downloads import attachment
from portal.pagination import Sort, list_controls, paginate
from portal.web_errors import run_service
from registry import labels
from registry.register import storage
from registry.workspace.models import AISystem, GPAIModel, IncidentDraft
from registry.workspace.selectors.incidents import (
    incident_detail,
    incident_draft_list,
    incident_report_version,
    incident_rows,
)
from registry.workspace.services.incidents import (
    incident_draft_create,
    incident_draft_submit,
    incident_draft_update,
)
from registry.workspace.web.access import ability_required
from registry.workspace.web.forms_incidents import IncidentForm, IncidentSendForm, harm_options

INCIDENT_SORTS = (
    Sort("newest", gettext_lazy("Newest first"), ("-created_at", "-id")),
    Sort("oldest", gettext_lazy("Oldest first"), ("created_at", "id")),
)


def _draft_or_404(pk: int) -> IncidentDraft:
    draft = incident_draft_list().filter(pk=pk).first()
    if draft is None:
        raise Http404("No such incident.")
    return draft


@require_GET
def incident_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, incident_draft_list(), sorts=INCIDENT_SORTS)
    context = {"rows": incident_rows(page.rows), **list_controls(page, INCIDENT_SORTS)}
    return render(request, "workspace/incidents/list.html", context)


def _subject(request: HttpRequest) -> tuple[str, dict[str, Any], Any]:
    """The regime and subject named in the query (?system= or ?model=; the form posts back to
    the same URL)."""
    system_id, model_id = request.GET.get("system", ""), request.GET.get("model", "")
    if system_id.isdigit():
        system = AISystem.objects.filter(pk=int(system_id)).first()
        if system is not None:
            return "art73", {"system": system.pk}, system
    if model_id.isdigit():
        model = GPAIModel.objects.filter(pk=int(model_id)).first()
        if model is not None:
            return "art55", {"gpai_model": model.pk}, model
    raise Http404("Report an incident from its AI system's or GPAI model's page.")


def _form_context(form: IncidentForm, **extra: Any) -> dict[str, Any]:
    return {"form": form, "harm_options": harm_options(form), **extra}


@ability_required("incident.prepare")
def incident_new(request: HttpRequest) -> HttpResponse:
    regime, subject, obj = _subject(request)
    deployer = regime == "art73" and obj.role == "deployer"
    form = IncidentForm(request.POST or None, regime=regime, deployer=deployer)
    context = _form_context(
        form,
        regime=regime,
        regime_label=labels.INCIDENT_REGIME[regime],
        subject=obj,
        subject_param=("system" if regime == "art73" else "model", obj.pk),
    )
    if request.method != "POST":
        return render(request, "workspace/incidents/new.html", context)
    if form.is_valid():
        draft = run_service(
            request,
            lambda: incident_draft_create(
                actor=request.user, regime=regime, **subject, **_cleaned(form)
            ),
            form=form,
            page=lambda _e, status: render(
                request, "workspace/incidents/new.html", context, status=status
            ),
        )
        if isinstance(draft, HttpResponse):
            return draft
        messages.success(request, _("Incident recorded. Check it, then send the report."))
        return redirect("incidents:incident_detail", pk=draft.pk)
    return render(request, "workspace/incidents/new.html", context, status=422)


def _cleaned(form: IncidentForm) -> dict[str, Any]:
    return {name: value for name, value in form.cleaned_data.items()}


def _detail_page(
    request: HttpRequest,
    draft: IncidentDraft,
    *,
    form: IncidentForm | None = None,
    send_form: IncidentSendForm | None = None,
    status: int = 200,
) -> HttpResponse:
    deployer = draft.system is not None and draft.system.role == "deployer"
    form = form or IncidentForm(
        initial={
            name: getattr(draft, name) for name in IncidentForm.base_fields if hasattr(draft, name)
        },
        regime=draft.regime,
        deployer=deployer,
    )
    detail = incident_detail(draft)
    report = detail.row.report
    context = _form_context(
        form,
        draft=draft,
        detail=detail,
        report=report,
        clock=detail.row.clock,
        send_form=send_form or IncidentSendForm(),
        regime_label=labels.INCIDENT_REGIME[draft.regime],
        harm_labels=[labels.INCIDENT_HARM.get(h, h) for h in draft.harms],
        open=report is None
        or report.status in ("submitted", "acknowledged", "information_requested"),
    )
    return render(request, "workspace/incidents/detail.html", context, status=status)


@require_GET
def incident_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _draft_or_404(pk))


@require_POST
@ability_required("incident.prepare")
def incident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft_or_404(pk)
    deployer = draft.system is not None and draft.system.role == "deployer"
    form = IncidentForm(request.POST, regime=draft.regime, deployer=deployer)
    if not form.is_valid():
        return _detail_page(request, draft, form=form, status=422)
    saved = run_service(
        request,
        lambda: incident_draft_update(actor=request.user, draft=draft, **_cleaned(form)),
        form=form,
        page=lambda _e, status: _detail_page(request, draft, form=form, status=status),
    )
    if isinstance(saved, HttpResponse):
        return saved
    messages.success(request, _("Saved. The changes go to the authority with the next version."))
    return redirect("incidents:incident_detail", pk=draft.pk)


@require_POST
def incident_send(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft_or_404(pk)
    send_form = IncidentSendForm(request.POST)
    send_form.is_valid()
    # The first version is always the initial report; the stage is chosen for later ones.
    stage = (send_form.cleaned_data.get("stage") or None) if draft.register_report_id else None
    version = run_service(
        request,
        lambda: incident_draft_submit(actor=request.user, draft=draft, stage=stage),
        form=send_form,
        page=lambda _e, status: _detail_page(request, draft, send_form=send_form, status=status),
    )
    if isinstance(version, HttpResponse):
        return version
    messages.success(
        request,
        _("Version %(number)s of %(reference)s sent to %(authority)s. Its PDF is being prepared.")
        % {
            "number": version.number,
            "reference": version.report.reference,
            "authority": version.report.authority.name,
        },
    )
    return redirect("incidents:incident_detail", pk=draft.pk)


@require_GET
def incident_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponseBase:
    version = incident_report_version(_draft_or_404(pk), number)
    job = getattr(version, "pdf_job", None) if version is not None else None
    if version is None or job is None or job.state != "ready" or not job.storage_path:
        raise Http404("The PDF is not ready.")
    path = storage.absolute_path(job.storage_path)
    if not path.exists():
        raise Http404("The PDF file is missing.")
    filename = f"{version.report.reference}-v{version.number}.pdf"
    return attachment(path, filename=filename, content_type="application/pdf")
