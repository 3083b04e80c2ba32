"""The console's serious-incident inbox and report page (Art 73, Art 55(1)(c)).

Every report is looked up through `incident_for_reviewer`: a report addressed to another
authority, or a restricted one without restricted access, is a 404 -- for that reviewer it does
not exist, and a 403 would confirm that it does."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.sensitive import sensitive_step
from portal.authz import authority_role_may
from portal.pagination import form_params, list_controls, paginate
from portal.web_errors import run_service
from registry import labels
from registry.register.models.incidents import IncidentReport, IncidentStatus
from registry.register.selectors_incidents_console import (
    INBOX_SORTS,
    OPEN_STATUSES,
    IncidentFilters,
    incident_for_reviewer,
    incident_measures_due_on,
    incident_version,
    incident_with_history,
    incidents_for_reviewer,
)
from registry.register.services import incident_review
from registry.register.web.access import regulator_required
from registry.register.web.downloads import incident_pdf_response
from registry.register.web.forms_incidents import (
    AcknowledgeForm,
    CloseForm,
    IncidentFilterForm,
    MeasureForm,
    RequestInformationForm,
)

PAGE_SIZE = 25

# action in the URL -> (form class, its prefix on the page)
ACTIONS: dict[str, tuple[type[forms.Form], str]] = {
    "acknowledge": (AcknowledgeForm, "ack"),
    "request-information": (RequestInformationForm, "info"),
    "record-measure": (MeasureForm, "measure"),
    "close": (CloseForm, "close"),
}


def _memberships(request: HttpRequest) -> list[Any]:
    return request.authority_memberships  # type: ignore[attr-defined]  # regulator_required


@regulator_required
def inbox(request: HttpRequest) -> HttpResponse:
    form = IncidentFilterForm(request.GET or None)
    filters = IncidentFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = IncidentFilters(
            status=data.get("status") or "",
            member_state=data.get("member_state") or "",
            harm=data.get("harm") or "",
            regime=data.get("regime") or "",
            overdue={"yes": True, "no": False}.get(data.get("overdue") or ""),
        )
    invalid = form.is_bound and not form.is_valid()
    results = incidents_for_reviewer(memberships=_memberships(request), filters=filters)
    page = paginate(
        request,
        results.none() if invalid else results,
        sorts=INBOX_SORTS,
        params=form_params(form),
        default_size=PAGE_SIZE,
    )
    return render(
        request,
        "regulator/incidents/inbox.html",
        {
            "form": form,
            "page": page,
            "rows": [_row(report) for report in page.rows],
            **list_controls(page, INBOX_SORTS),
        },
        status=422 if invalid else 200,
    )


def _row(report: IncidentReport) -> dict[str, Any]:
    return {
        "report": report,
        "harms": [labels.INCIDENT_HARM.get(h, h) for h in report.harms or ()],
        "member_state": labels.MEMBER_STATE.get(report.member_state, report.member_state),
    }


def _report_or_404(request: HttpRequest, report_id: object) -> IncidentReport:
    report = incident_for_reviewer(memberships=_memberships(request), report_id=report_id)
    if report is None:
        raise Http404("No such incident report.")
    return report


def _report_page(
    request: HttpRequest,
    report: IncidentReport,
    *,
    number: int | None = None,
    forms_given: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    report = incident_with_history(report)
    versions = list(report.versions.all())
    if not versions:
        raise Http404("No such incident report.")
    version = (
        versions[-1] if number is None else next((v for v in versions if v.number == number), None)
    )
    if version is None:
        raise Http404("No such version.")
    membership = incident_review.incident_membership(request.user, report)
    may_act = membership is not None and authority_role_may(membership.role, "incident.act")
    given = forms_given or {}
    # Keyed for the template: forms.request_information.
    action_forms = {
        action.replace("-", "_"): given.get(action) or form_class(prefix=prefix)
        for action, (form_class, prefix) in ACTIONS.items()
    }
    is_open = report.status in OPEN_STATUSES
    return render(
        request,
        "regulator/incidents/detail.html",
        {
            "report": report,
            "version": version,
            "versions": versions,
            "steps": list(report.steps.all()),
            "snapshot": _snapshot_rows(version.snapshot),
            "harms": [labels.INCIDENT_HARM.get(h, h) for h in report.harms or ()],
            "member_state": labels.MEMBER_STATE.get(report.member_state, report.member_state),
            "measure_period_ends_on": incident_measures_due_on(report),
            "today": timezone.localdate(),
            "late": timezone.localdate(report.first_report_at) > report.due_on,
            "may_act": may_act and is_open,
            "can_acknowledge": may_act and report.status == IncidentStatus.SUBMITTED,
            "forms": action_forms,
        },
        status=status,
    )


def _snapshot_rows(snapshot: dict[str, Any]) -> list[tuple[str, Any]]:
    """The version as filed, as (label, value) rows: nested sections one level deep."""
    rows: list[tuple[str, Any]] = []
    for key, value in (snapshot or {}).items():
        if isinstance(value, dict):
            for inner, inner_value in value.items():
                rows.append((f"{key}.{inner}", _plain(inner_value)))
        else:
            rows.append((key, _plain(value)))
    return rows


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if value is None:
        return "—"
    return str(value)


@regulator_required
def incident_detail(request: HttpRequest, report_id: str) -> HttpResponse:
    return _report_page(request, _report_or_404(request, report_id))


@regulator_required
def version_detail(request: HttpRequest, report_id: str, number: int) -> HttpResponse:
    return _report_page(request, _report_or_404(request, report_id), number=number)


@regulator_required
def version_pdf(request: HttpRequest, report_id: str, number: int) -> FileResponse:
    report = _report_or_404(request, report_id)
    version = incident_version(report, number)
    if version is None:
        raise Http404("No such version.")
    return incident_pdf_response(version)


@require_POST
@regulator_required
@sensitive_step  # the provider is told, and a closed report ends the authority's follow-up
def act(request: HttpRequest, report_id: str, action: str) -> HttpResponse:
    report = _report_or_404(request, report_id)
    if action not in ACTIONS:
        raise Http404("No such action.")
    form_class, prefix = ACTIONS[action]
    form = form_class(request.POST, prefix=prefix)
    if not form.is_valid():
        return _report_page(request, report, forms_given={action: form}, status=422)
    done = run_service(
        request,
        lambda: _step(request, report, action, form.cleaned_data),
        form=form,
        denied_on_form=True,
        page=lambda _e, status: _report_page(
            request, report, forms_given={action: form}, status=status
        ),
    )
    if isinstance(done, HttpResponse):
        return done
    messages.success(request, _done_message(action))
    return redirect("regulator:incident", report.pk)


def _step(request: HttpRequest, report: IncidentReport, action: str, data: dict) -> object:
    actor = request.user
    if action == "acknowledge":
        return incident_review.incident_acknowledge(actor=actor, report=report)
    if action == "request-information":
        return incident_review.incident_request_information(
            actor=actor, report=report, question=data["question"], due_on=data["due_on"]
        )
    if action == "record-measure":
        return incident_review.incident_record_measure(
            actor=actor, report=report, measure=data["measure"], note=data.get("note", "")
        )
    return incident_review.incident_close(actor=actor, report=report, note=data.get("note", ""))


def _done_message(action: str) -> str:
    return {
        "acknowledge": _("Receipt acknowledged; the provider is told."),
        "request-information": _("Information requested; the provider is told."),
        "record-measure": _("Measure recorded; the provider is told."),
        "close": _("Report closed; the provider is told."),
    }[action]
