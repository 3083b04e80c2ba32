"""GPAI model pages (Chapter V): models, versions, the Model Documentation Form and its exports
per audience. Writes go through registry.workspace.services.gpai (editors and above)."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.pagination import list_controls, paginate
from portal.web_errors import forbidden, form_post
from registry.workspace import services
from registry.workspace.dates import date_warnings
from registry.workspace.mdf import MDF_FIELDS
from registry.workspace.models import GPAIModel, GPAIModelVersion
from registry.workspace.selectors import (
    GPAI_MODEL_SORTS,
    gpai_model_get,
    gpai_model_rows,
    gpai_model_version_list,
)
from registry.workspace.web.access import may
from registry.workspace.web.diff import display
from registry.workspace.web.forms_gpai import (
    AUDIENCES,
    MDF_LABELS,
    GPAIModelForm,
    GPAIModelVersionForm,
    MDFForm,
    mdf_export,
    mdf_initial,
)
from registry.workspace.web.history import object_history

MODEL_FORM_FIELDS = tuple(GPAIModelForm.base_fields)
VERSION_FORM_FIELDS = tuple(GPAIModelVersionForm.base_fields)


def _model_or_404(pk: int) -> GPAIModel:
    model = gpai_model_get(model=pk)
    if model is None:
        raise Http404("No such model.")
    return model


def _version_or_404(model: GPAIModel, version_pk: int) -> GPAIModelVersion:
    version = gpai_model_version_list(model=model).filter(pk=version_pk).first()
    if version is None:
        raise Http404("No such model version.")
    return version


@require_GET
def model_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, gpai_model_rows(), sorts=GPAI_MODEL_SORTS)
    context = {"models": page.rows, **list_controls(page, GPAI_MODEL_SORTS)}
    return render(request, "workspace/gpai/list.html", context)


def _form_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    form: Any,
    status: int | None = None,
) -> HttpResponse:
    if status is None:
        status = 422 if form.is_bound and form.errors else 200
    return render(request, template, {**context, "form": form}, status=status)


def model_new(request: HttpRequest) -> HttpResponse:
    return _model_form(request, None)


def model_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _model_form(request, _model_or_404(pk))


def _model_form(request: HttpRequest, model: GPAIModel | None) -> HttpResponse:
    """The model form, blank (new) or filled from the model (edit)."""
    if not may(request, "gpai.write"):
        return forbidden(request)
    initial = {name: getattr(model, name) for name in MODEL_FORM_FIELDS} if model else None
    form = GPAIModelForm(request.POST or None, initial=initial)
    return form_post(
        request,
        form,
        lambda: (
            services.gpai_model_create(actor=request.user, **form.cleaned_data)
            if model is None
            else services.gpai_model_update(actor=request.user, model=model, **form.cleaned_data)
        ),
        page=lambda status: _form_page(
            request, "workspace/gpai/model_form.html", {"model": model}, form, status
        ),
        success=_("Model added. Add its first version.") if model is None else _("Model saved."),
        done=lambda saved: redirect("gpai:model_detail", pk=saved.pk),
    )


@require_GET
def model_detail(request: HttpRequest, pk: int) -> HttpResponse:
    model = _model_or_404(pk)
    versions = list(gpai_model_version_list(model=model))
    return render(
        request,
        "workspace/gpai/detail.html",
        {"model": model, "versions": versions, "changes": object_history(model)},
    )


def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _version_form(request, _model_or_404(pk), None)


def version_edit(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    model = _model_or_404(pk)
    return _version_form(request, model, _version_or_404(model, version_pk))


def _version_form(
    request: HttpRequest, model: GPAIModel, version: GPAIModelVersion | None
) -> HttpResponse:
    """The version form, blank (new) or filled from the version (edit; its label stays, which
    the service enforces)."""
    if not may(request, "gpai.write"):
        return forbidden(request)
    initial = {name: getattr(version, name) for name in VERSION_FORM_FIELDS} if version else None
    form = GPAIModelVersionForm(request.POST or None, initial=initial)
    return form_post(
        request,
        form,
        lambda: (
            services.gpai_model_version_create(actor=request.user, model=model, **form.cleaned_data)
            if version is None
            else services.gpai_model_version_update(
                actor=request.user, model_version=version, **form.cleaned_data
            )
        ),
        page=lambda status: _form_page(
            request,
            "workspace/gpai/version_form.html",
            {"model": model, "version": version},
            form,
            status,
        ),
        success=_("Version added.") if version is None else _("Version saved."),
        warnings=date_warnings,
        done=lambda _saved: redirect("gpai:model_detail", pk=model.pk),
    )


def version_documentation(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    """The Model Documentation Form of one version, grouped by MDF section."""
    model = _model_or_404(pk)
    version = _version_or_404(model, version_pk)
    if request.method == "POST" and not may(request, "gpai.write"):
        return forbidden(request)
    form = MDFForm(request.POST or None, initial=mdf_initial(version))

    def page(status: int | None = None) -> HttpResponse:
        context = {
            "model": model,
            "version": version,
            "audiences": list(AUDIENCES.items()),
        }
        return _form_page(request, "workspace/gpai/documentation.html", context, form, status)

    return form_post(
        request,
        form,
        lambda: services.gpai_model_version_update(
            actor=request.user,
            model_version=version,
            **form.service_fields(version.documentation or {}),
        ),
        page=page,
        success=_("Model documentation saved."),
        warnings=date_warnings,
        done=lambda _saved: redirect(
            "gpai:model_version_documentation", pk=model.pk, version_pk=version.pk
        ),
    )


def _audience_or_404(audience: str) -> str:
    if audience not in AUDIENCES:
        raise Http404("No such audience.")
    return audience


@require_GET
def version_export(request: HttpRequest, pk: int, version_pk: int, audience: str) -> HttpResponse:
    """What one audience receives of the MDF (Measure 1.1: downstream providers get their
    items; the AI Office and national authorities theirs, on request)."""
    model = _model_or_404(pk)
    version = _version_or_404(model, version_pk)
    audience = _audience_or_404(audience)
    export = mdf_export(version, audience)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(export, indent=2, ensure_ascii=False, default=str),
            content_type="application/json",
        )
        name = slugify(f"{model.name}-{version.version}-mdf-{audience}")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    rows = [
        {"key": spec.key, "label": MDF_LABELS.get(spec.key, spec.title), "value": display(value)}
        for spec in MDF_FIELDS
        if (value := export["fields"].get(spec.key, ...)) is not ...
    ]
    return render(
        request,
        "workspace/gpai/export.html",
        {
            "model": model,
            "version": version,
            "audience": audience,
            "audience_label": AUDIENCES[audience],
            "audiences": list(AUDIENCES.items()),
            "rows": rows,
        },
    )
