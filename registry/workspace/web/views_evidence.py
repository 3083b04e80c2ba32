"""Evidence: the list (search, hash), the upload form (with progress), the detail page (where
the file is cited), the deletion of a file nothing cites, the download."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from portal.accounts.models import User
from portal.downloads import attachment
from portal.pagination import form_params, list_controls, paginate
from portal.web_errors import button_post, run_service
from registry import labels
from registry.workspace import selectors, services
from registry.workspace.selectors.drafts import filing_draft_paths
from registry.workspace.selectors.evidence import evidence_citations
from registry.workspace.web.access import ability_required, found
from registry.workspace.web.forms_evidence import EvidenceFilterForm, EvidenceUploadForm


def evidence_list(request: HttpRequest) -> HttpResponse:
    filters = EvidenceFilterForm(request.GET or None)
    page = paginate(
        request,
        selectors.evidence_rows(**filters.filters()),
        sorts=selectors.EVIDENCE_SORTS,
        params=form_params(filters),
    )
    context = {
        "filters": filters,
        "items": page.rows,
        **list_controls(page, selectors.EVIDENCE_SORTS),
    }
    status = 422 if filters.is_bound and not filters.is_valid() else 200
    return render(request, "workspace/evidence/list.html", context, status=status)


def evidence_detail(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """A file's metadata and everything that cites it, and its deletion when nothing does."""
    evidence = found(selectors.evidence_get(evidence=evidence_id))
    citations = evidence_citations(evidence)
    paths = filing_draft_paths({row.version.filing_id for row in citations.filed})
    filed = [{"row": row, "url": paths.get(row.version.filing_id)} for row in citations.filed]
    context = {
        "evidence": evidence,
        "citations": citations,
        "filed": filed,
        "system_fields": [
            {
                "system": entry["system"],
                "fields": [labels.FIELD[name] for name in entry["fields"]],
            }
            for entry in citations.systems
        ],
    }
    return render(request, "workspace/evidence/detail.html", context)


@require_POST
@ability_required("evidence.delete")
def evidence_delete(request: HttpRequest, evidence_id: int) -> HttpResponse:
    evidence = found(selectors.evidence_get(evidence=evidence_id))
    return button_post(
        request,
        lambda: services.evidence_delete(actor=cast(User, request.user), evidence=evidence),
        back_to=reverse("systems_ui:evidence_detail", kwargs={"evidence_id": evidence.pk}),
        success=_("“%(title)s” was deleted.") % {"title": evidence.title},
        done=lambda _result: redirect("systems_ui:evidence_list"),
    )


@ability_required("evidence.write")
def evidence_upload(request: HttpRequest) -> HttpResponse:
    initial = {}
    for name in ("systems", "risk_records", "qms_records"):
        if request.GET.get(name, "").isdigit():
            initial[name] = [int(request.GET[name])]
    form = EvidenceUploadForm(request.POST or None, request.FILES or None, initial=initial)

    def page(status: int) -> HttpResponse:
        context = {"form": form}
        template = (
            "workspace/evidence/_upload_form.html"
            if request.htmx
            else "workspace/evidence/upload.html"
        )
        return render(request, template, context, status=status)

    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The service refuses too big, executable, active or mismatched files and keeps
        # nothing; its message goes next to the file field.
        uploaded = run_service(
            request,
            lambda: services.evidence_upload(
                actor=request.user,
                file=data["file"],
                filename=data["file"].name,
                title=data["title"],
                description=data["description"],
                systems=data["systems"],
                risk_records=data["risk_records"],
                qms_records=data["qms_records"],
                shared=data["shared"],
            ),
            form=form,
            aliases={"filename": "file"},
            page=lambda _e, status: page(status),
        )
        if isinstance(uploaded, HttpResponse):
            return uploaded
        if uploaded.stored_before:
            messages.info(
                request,
                _(
                    "This file is already stored as “%(title)s”, so it was not stored again "
                    "and its title stays; the links you chose were added to it."
                )
                % {"title": uploaded.title},
            )
        else:
            messages.success(request, _("The file was uploaded."))
        target = reverse("systems_ui:evidence_list")
        if request.htmx:
            return HttpResponseClientRedirect(target)
        return redirect(target)
    return page(422 if form.errors else 200)


def evidence_download(request: HttpRequest, evidence_id: int) -> HttpResponse:
    # Membership of this organisation was checked by the middleware; the row and the file are
    # looked up in this organisation's schema and folder only.
    evidence = found(selectors.evidence_get(evidence=evidence_id))
    path = selectors.evidence_path(evidence)
    if not path.is_file():
        raise Http404
    return attachment(path, filename=evidence.original_filename, content_type=evidence.content_type)
