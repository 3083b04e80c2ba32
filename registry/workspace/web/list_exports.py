"""Exports of the workspace's lists (issue 15 item 12): the current filtered list, in the order
it is shown, as CSV or XLSX, with translated headers and the AI Act's labels instead of codes.

Each export reads the same filter form and the same selector as its page, then every row from a
server-side cursor (portal.pagination.all_rows), written as it is read (portal.streaming), so
memory and the number of queries do not grow with the rows. Any member may export what the
page shows them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from django.contrib import messages
from django.db.models import Field, Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from portal.pagination import Sort, all_rows
from portal.streaming import Column, export_format_of, list_export
from registry import labels
from registry.register.models import FilingStatus
from registry.workspace import selectors
from registry.workspace.models import AISystem, FilingDraft, QMSRecord, RiskRecord
from registry.workspace.selectors.drafts import FILING_DRAFT_SORTS, filing_draft_export_rows
from registry.workspace.web.forms_evidence import EvidenceFilterForm
from registry.workspace.web.forms_filings import FilingListFilterForm
from registry.workspace.web.forms_records import RiskFilterForm
from registry.workspace.web.forms_systems import SystemFilterForm
from registry.workspace.web.views_evidence import evidence_list
from registry.workspace.web.views_filings import filing_list
from registry.workspace.web.views_gpai import model_list
from registry.workspace.web.views_records import qms_list, risk_filters, risk_list
from registry.workspace.web.views_systems import system_list

ListView = Callable[[HttpRequest], HttpResponse]


def choice_labels(model: type[Model], name: str) -> dict[str, str]:
    """A coded field's translated labels, translated once per export (not once per row)."""
    field = cast(Field, model._meta.get_field(name))
    return {v: str(label) for v, label in field.flatchoices}


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def export(
    request: HttpRequest,
    *,
    page: ListView,
    filters: Any | None,
    queryset: QuerySet[Any],
    sorts: Sequence[Sort],
    columns: Sequence[Column],
    name: str,
    sheet: Any,
    rows: Callable[[Iterable[Any]], Iterable[Any]] = lambda rows: rows,
) -> HttpResponse:
    """The list's export in the asked ``format``; an unknown format (400) or a filter that is
    not valid (422) shows the list page again with what is wrong, and exports nothing."""
    export_format = export_format_of(request.GET.get("format"))
    if filters is not None and filters.is_bound and not filters.is_valid():
        messages.error(request, _("The list could not be exported: correct the filters first."))
        refused = page(request)
        refused.status_code = 422
        return refused
    if export_format is None:
        messages.error(request, _("Choose CSV or XLSX to export the list."))
        refused = page(request)
        refused.status_code = 400
        return refused
    response = list_export(
        export_format,
        columns,
        rows(all_rows(request, queryset, sorts=sorts)),
        name=name,
        sheet=sheet,
    )
    return cast(HttpResponse, response)  # a streamed or file response where views say one


# --- the lists -----------------------------------------------------------------------------


@require_GET
def systems_export(request: HttpRequest) -> HttpResponse:

    filters = SystemFilterForm(request.GET or None)
    status = choice_labels(AISystem, "status")
    columns = [
        Column(gettext_lazy("Trade name"), lambda s: s.trade_name),
        Column(gettext_lazy("Reference"), lambda s: s.system_reference),
        Column(gettext_lazy("Role"), lambda s: labels.ROLE.get(s.role, s.role)),
        Column(
            gettext_lazy("Risk tier"),
            lambda s: labels.RISK_TIER.get(s.risk_tier, labels.UNCLASSIFIED),
        ),
        Column(gettext_lazy("Status"), lambda s: status.get(s.status, s.status)),
        Column(gettext_lazy("Obligations apply from"), lambda s: s.compliance_deadline),
        Column(gettext_lazy("Last changed"), lambda s: s.updated_at),
    ]
    return export(
        request,
        page=system_list,
        filters=filters,
        queryset=selectors.ai_system_rows(**filters.filters()),
        sorts=selectors.SYSTEM_SORTS,
        columns=columns,
        name="ai-systems",
        sheet=_("AI systems"),
    )


@require_GET
def models_export(request: HttpRequest) -> HttpResponse:

    columns = [
        Column(gettext_lazy("Model name"), lambda m: m.name),
        Column(gettext_lazy("Collection or family"), lambda m: m.model_family),
        Column(gettext_lazy("Systemic risk (Art 51)"), lambda m: yes_no(m.systemic_risk)),
        Column(gettext_lazy("Versions"), lambda m: m.version_count),
        Column(gettext_lazy("Latest version"), lambda m: m.latest_version),
    ]
    return export(
        request,
        page=model_list,
        filters=None,
        queryset=selectors.gpai_model_rows(),
        sorts=selectors.GPAI_MODEL_SORTS,
        columns=columns,
        name="gpai-models",
        sheet=_("GPAI models"),
    )


@require_GET
def risks_export(request: HttpRequest) -> HttpResponse:

    filters = RiskFilterForm(request.GET or None)
    coded = {name: choice_labels(RiskRecord, name) for name in labels.RISK_RECORD_CODES}

    def label(name: str) -> Callable[[Any], str]:
        return lambda r: coded[name].get(getattr(r, name), getattr(r, name))

    columns = [
        Column(gettext_lazy("AI system"), lambda r: r.system.trade_name),
        Column(gettext_lazy("Hazard"), lambda r: r.hazard),
        Column(gettext_lazy("Likelihood"), label("likelihood")),
        Column(gettext_lazy("Severity"), label("severity")),
        Column(gettext_lazy("Residual risk"), label("residual_risk")),
        Column(gettext_lazy("Status"), label("status")),
        Column(gettext_lazy("Next review"), lambda r: r.next_review_on),
    ]
    return export(
        request,
        page=risk_list,
        filters=filters,
        queryset=selectors.risk_record_rows(**risk_filters(filters)),
        sorts=selectors.RISK_SORTS,
        columns=columns,
        name="risk-register",
        sheet=_("Risk register"),
    )


@require_GET
def qms_export(request: HttpRequest) -> HttpResponse:

    aspect, status = choice_labels(QMSRecord, "aspect"), choice_labels(QMSRecord, "status")
    columns = [
        Column(gettext_lazy("Aspect (Art 17(1))"), lambda r: aspect.get(r.aspect, r.aspect)),
        Column(gettext_lazy("Title"), lambda r: r.title),
        Column(gettext_lazy("Document version"), lambda r: r.document_version),
        Column(gettext_lazy("Status"), lambda r: status.get(r.status, r.status)),
        Column(gettext_lazy("Next review"), lambda r: r.next_review_on),
        Column(gettext_lazy("Approved by"), lambda r: r.approved_by.email if r.approved_by else ""),
    ]
    return export(
        request,
        page=qms_list,
        filters=None,
        queryset=selectors.qms_record_rows().prefetch_related(None),
        sorts=selectors.QMS_SORTS,
        columns=columns,
        name="qms-records",
        sheet=_("QMS records"),
    )


@require_GET
def evidence_export(request: HttpRequest) -> HttpResponse:

    filters = EvidenceFilterForm(request.GET or None)
    columns = [
        Column(gettext_lazy("Title"), lambda e: e.title),
        Column(gettext_lazy("File name"), lambda e: e.original_filename),
        Column(gettext_lazy("Size (bytes)"), lambda e: e.size),
        Column(gettext_lazy("SHA-256"), lambda e: e.sha256),
        Column(gettext_lazy("Shared by the organisation"), lambda e: yes_no(e.shared)),
        Column(gettext_lazy("Uploaded"), lambda e: e.uploaded_at),
        Column(gettext_lazy("Uploaded by"), lambda e: e.uploaded_by.email if e.uploaded_by else ""),
    ]
    return export(
        request,
        page=evidence_list,
        filters=filters,
        queryset=selectors.evidence_rows(**filters.filters()).prefetch_related(None),
        sorts=selectors.EVIDENCE_SORTS,
        columns=columns,
        name="evidence",
        sheet=_("Evidence"),
    )


@require_GET
def filings_export(request: HttpRequest) -> HttpResponse:

    filters = FilingListFilterForm(request.GET or None)
    status = filters.cleaned_data.get("status", "") if filters.is_valid() else ""
    kind = choice_labels(FilingDraft, "kind")
    filed = {value: str(label) for value, label in FilingStatus.choices}

    def subject(draft: Any) -> str:
        if draft.system_id:
            return str(draft.system.trade_name)
        version = draft.gpai_model_version
        if version is not None:
            return f"{version.model.name} {version.version}"
        return ""

    columns = [
        Column(gettext_lazy("Kind of filing"), lambda d: kind.get(d.kind, d.kind)),
        Column(gettext_lazy("Subject"), subject),
        Column(
            gettext_lazy("Status in the register"),
            lambda d: filed.get(d.register_status, "") or _("Not filed yet"),
        ),
        Column(gettext_lazy("Registration number"), lambda d: d.registration_number),
        Column(gettext_lazy("Version filed"), lambda d: d.last_submitted_version),
        Column(gettext_lazy("Last submitted"), lambda d: d.last_submitted_at),
        Column(gettext_lazy("Last changed"), lambda d: d.updated_at),
    ]
    return export(
        request,
        page=filing_list,
        filters=filters,
        queryset=filing_draft_export_rows(status),
        sorts=FILING_DRAFT_SORTS,
        columns=columns,
        name="filings",
        sheet=_("Filings"),
    )
