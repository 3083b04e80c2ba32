"""The risk register (Art 9) and the QMS records (Art 17(1)(a)-(m))."""

from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from portal.accounts.models import User
from portal.pagination import form_params, list_controls, paginate
from portal.web_errors import button_post, form_post
from registry import labels
from registry.workspace import selectors, services
from registry.workspace.dates import date_warnings
from registry.workspace.web.access import (
    ability_required,
    found,
    may,
)
from registry.workspace.web.forms_records import (
    QMSRecordForm,
    RecordsBulkForm,
    RiskFilterForm,
    RiskRecordForm,
)

REVIEW_WINDOW_DAYS = 30


def risk_filters(filters: RiskFilterForm) -> dict[str, Any]:
    """The selector's filters from the risk list's form (none when it is not valid)."""
    if not filters.is_valid():
        return {}
    data = filters.cleaned_data
    return {
        "system_search": data["system"],
        "status": data["status"],
        "review_due_by": (
            timezone.localdate() + timedelta(days=REVIEW_WINDOW_DAYS)
            if data["review_due"]
            else None
        ),
    }


def risk_list(
    request: HttpRequest, bulk_form: RecordsBulkForm | None = None, status: int = 200
) -> HttpResponse:
    filters = RiskFilterForm(request.GET or None)
    page = paginate(
        request,
        selectors.risk_record_rows(**risk_filters(filters)),
        sorts=selectors.RISK_SORTS,
        params=form_params(filters),
    )
    context = {
        "filters": filters,
        "risks": labels.with_labels(page.rows, *labels.RISK_RECORD_CODES),
        "today": timezone.localdate(),
        **_bulk_context(request, bulk_form, "risk"),
        **list_controls(page, selectors.RISK_SORTS),
    }
    return render(request, "workspace/records/risk_list.html", context, status=status)


def qms_list(
    request: HttpRequest, bulk_form: RecordsBulkForm | None = None, status: int = 200
) -> HttpResponse:
    page = paginate(request, selectors.qms_record_rows(), sorts=selectors.QMS_SORTS)
    records = labels.with_labels(page.rows, "aspect", "status")
    context = {
        "records": records,
        **_bulk_context(request, bulk_form, "qms"),
        **list_controls(page, selectors.QMS_SORTS),
    }
    return render(request, "workspace/records/qms_list.html", context, status=status)


def _bulk_context(
    request: HttpRequest, bulk_form: RecordsBulkForm | None, kind: str
) -> dict[str, Any]:
    """The bulk form under a records list, for those who may change records (its ticked rows
    stay ticked when it comes back with an error)."""
    if not may(request, "record.write"):
        return {}
    form = bulk_form or RecordsBulkForm()
    selected = form["records"].value() if form.is_bound else []
    query = request.GET.urlencode()
    action = reverse("systems_ui:records_bulk", kwargs={"kind": kind})
    return {
        "bulk_form": form,
        "bulk_selected": set(selected),
        "bulk_action": f"{action}?{query}" if query else action,
    }


def _bulk_done(action: str, count: int) -> str:
    if action == "assign_owner":
        text = ngettext(
            "The owner of %(count)s record was changed.",
            "The owner of %(count)s records was changed.",
            count,
        )
    else:
        text = ngettext(
            "The next review of %(count)s record was scheduled.",
            "The next review of %(count)s records was scheduled.",
            count,
        )
    return text % {"count": count}


@require_POST
@ability_required("record.write")
def records_bulk(request: HttpRequest, kind: str) -> HttpResponse:
    """One bulk action on the ticked records of a list, all or nothing (the service's
    transaction), then the same list again (same filters, sort and page)."""
    list_view = {"risk": risk_list, "qms": qms_list}.get(kind)
    if list_view is None:
        raise Http404
    form = RecordsBulkForm(request.POST)

    def save() -> list[Any]:
        data = form.cleaned_data
        if data["action"] == "assign_owner":
            return services.records_assign_owner(
                actor=cast(User, request.user),
                kind=kind,
                records=data["records"],
                owner=data["owner"],
            )
        return services.records_schedule_review(
            actor=cast(User, request.user),  # ability_required: a signed-in member
            kind=kind,
            records=data["records"],
            next_review_on=data["next_review_on"],
        )

    target = reverse(f"systems_ui:{kind}_list")
    query = request.GET.urlencode()
    return form_post(
        request,
        form,
        save,
        page=lambda status: list_view(request, bulk_form=form, status=status),
        success=lambda rows: _bulk_done(form.cleaned_data["action"], len(rows)),
        done=lambda _rows: redirect(f"{target}?{query}" if query else target),
    )


def _form_page(
    request: HttpRequest, form: forms.Form, template: str, status: int, **extra: Any
) -> HttpResponse:
    return render(request, template, {"form": form, **extra}, status=status)


@ability_required("record.write")
def risk_create(request: HttpRequest, system_id: int) -> HttpResponse:
    return _risk_form(request, found(selectors.ai_system_get(system=system_id)), None)


@ability_required("record.write")
def risk_edit(request: HttpRequest, risk_id: int) -> HttpResponse:
    record = found(selectors.risk_record_list().filter(pk=risk_id).first())
    return _risk_form(request, record.system, record)


def _risk_form(request: HttpRequest, system: Any, record: Any | None) -> HttpResponse:
    """The risk form (Art 9), blank for the system (new) or filled from the record (edit)."""
    initial = None
    if record is not None:
        initial = {name: getattr(record, name) for name in RiskRecordForm.base_fields}
        initial["owner"] = record.owner_id
    form = RiskRecordForm(request.POST or None, initial=initial)
    return form_post(
        request,
        form,
        lambda: (
            services.risk_record_create(actor=request.user, system=system, **form.cleaned_data)
            if record is None
            else services.risk_record_update(
                actor=request.user, risk_record=record, **form.cleaned_data
            )
        ),
        page=lambda status: _form_page(
            request,
            form,
            "workspace/records/risk_form.html",
            status,
            system=system,
            record=record,
        ),
        success=_("The risk record was saved."),
        warnings=date_warnings,
        # A new risk is read on its system's page; an edited one came from the risk list.
        done=lambda _saved: (
            redirect("systems_ui:system_detail", system_id=system.pk)
            if record is None
            else redirect("systems_ui:risk_list")
        ),
    )


@ability_required("record.write")
def qms_create(request: HttpRequest) -> HttpResponse:
    return _qms_form(request, None)


@ability_required("record.write")
def qms_edit(request: HttpRequest, qms_id: int) -> HttpResponse:
    return _qms_form(request, found(selectors.qms_record_list().filter(pk=qms_id).first()))


def _qms_form(request: HttpRequest, record: Any | None) -> HttpResponse:
    """The QMS record form (Art 17), blank (new) or filled from the record (edit)."""
    initial = None
    if record is not None:
        initial = {
            name: getattr(record, name) for name in QMSRecordForm.base_fields if name != "systems"
        }
        initial["systems"] = [system.pk for system in record.systems.all()]
        initial["owner"] = record.owner_id
    form = QMSRecordForm(request.POST or None, initial=initial)
    return form_post(
        request,
        form,
        lambda: (
            services.qms_record_create(actor=request.user, **form.cleaned_data)
            if record is None
            else services.qms_record_update(
                actor=request.user, qms_record=record, **form.cleaned_data
            )
        ),
        page=lambda status: _form_page(
            request,
            form,
            "workspace/records/qms_form.html",
            status,
            record=record,
        ),
        success=_("The QMS record was saved."),
        warnings=date_warnings,
        done=lambda _saved: redirect("systems_ui:qms_list"),
    )


@ability_required("qms.approve")
@require_POST
def qms_approve(request: HttpRequest, qms_id: int) -> HttpResponse:
    record = found(selectors.qms_record_list().filter(pk=qms_id).first())
    return button_post(
        request,
        lambda: services.qms_record_approve(actor=request.user, qms_record=record),
        back_to=reverse("systems_ui:qms_list"),
        success=_("The QMS record was approved."),
    )
