"""Filed versions of a draft: the PDF job's progress (htmx polling), the PDF download, and the
field-by-field comparison of two versions."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.downloads import attachment
from registry.register import storage
from registry.register.models import FilingVersion
from registry.workspace.selectors.drafts import filing_draft_register_state
from registry.workspace.web import diff as diffing
from registry.workspace.web.diff import field_display, field_label, item_title
from registry.workspace.web.filing_lookup import draft_or_404, pdf_job_of
from registry.workspace.web.forms_filings import DiffForm


def _version_or_404(draft: Any, number: int) -> FilingVersion:
    state = filing_draft_register_state(draft)
    version = next((v for v in state.versions if v.number == number), None)
    if version is None:
        raise Http404("No such version.")
    return version


@require_GET
def pdf_status(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """htmx: the PDF job's state; the fragment stops polling once the state is final."""
    draft = draft_or_404(pk)
    version = _version_or_404(draft, number)
    return render(
        request,
        "workspace/filings/_pdf_job.html",
        {"draft": draft, "version": version, "job": pdf_job_of(version)},
    )


@require_GET
def pdf_download(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    draft = draft_or_404(pk)
    version = _version_or_404(draft, number)
    job = pdf_job_of(version)
    if job is None or job.state != "ready" or not job.storage_path:
        raise Http404("The PDF is not ready.")
    path = storage.absolute_path(job.storage_path)
    if not path.exists():
        raise Http404("The PDF file is missing.")
    filename = f"{version.filing.registration_number}-v{version.number}.pdf"
    return attachment(path, filename=filename, content_type="application/pdf")


@require_GET
def filing_diff(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_or_404(pk)
    state = filing_draft_register_state(draft)
    by_number = {v.number: v for v in state.versions}
    form = DiffForm(request.GET or None, numbers=sorted(by_number))
    if not form.is_valid() or form.cleaned_data["a"] == form.cleaned_data["b"]:
        if form.is_bound and form.is_valid():
            form.add_error("b", _("Choose two different versions."))
        return render(
            request,
            "workspace/filings/diff.html",
            {"draft": draft, "form": form, "filing": state.filing, "items": None},
            status=422 if form.is_bound else 200,
        )
    old = by_number[min(form.cleaned_data["a"], form.cleaned_data["b"])]
    new = by_number[max(form.cleaned_data["a"], form.cleaned_data["b"])]
    items = diffing.snapshot_diff(old.snapshot, new.snapshot)
    shown = [
        {
            "code": item.code,
            "title": item_title(item.code, item.title),
            "changed": item.changed,
            "fields": [
                {
                    "name": f.name,
                    "label": field_label(f.name),
                    "old": field_display(f.name, f.old),
                    "new": field_display(f.name, f.new),
                    "change": f.change,
                }
                for f in item.fields
            ],
        }
        for item in items
    ]
    return render(
        request,
        "workspace/filings/diff.html",
        {
            "draft": draft,
            "form": form,
            "filing": state.filing,
            "old": old,
            "new": new,
            "items": shown,
            "counts": diffing.diff_counts(items),
        },
    )
