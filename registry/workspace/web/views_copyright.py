"""Copyright and transparency pages of the GPAI area (Art 53(1)(c)-(d)): the copyright policy,
its versions, and the summary of each model version's training content with its filing."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.web_errors import button_post, forbidden, form_post
from registry.register.models import FilingKind
from registry.workspace.choices import CopyrightMeasure, MeasureStatus
from registry.workspace.models import Evidence
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.selectors.copyright import (
    copyright_policy_version,
    copyright_policy_versions,
    training_summary_for,
)
from registry.workspace.services.copyright import copyright_policy_adopt, training_summary_save
from registry.workspace.services.drafts import filing_draft_create
from registry.workspace.training_summary import LABELS, SECTIONS
from registry.workspace.web.access import may
from registry.workspace.web.diff import display
from registry.workspace.web.forms_copyright import (
    CopyrightPolicyForm,
    TrainingSummaryForm,
    policy_initial,
    summary_initial,
)
from registry.workspace.web.views_gpai import _model_or_404, _version_or_404

KIND = FilingKind.GPAI_TRAINING_SUMMARY.value


def _checklist(policy: Any) -> list[dict[str, Any]]:
    measures = {row.measure: row for row in policy.measures.all()}
    statuses = dict(MeasureStatus.choices)
    return [
        {
            "label": label,
            "row": measures.get(value),
            "status": statuses.get(measures[value].status, "") if value in measures else "",
        }
        for value, label in CopyrightMeasure.choices
    ]


@require_GET
def copyright_policy(request: HttpRequest) -> HttpResponse:
    versions = list(copyright_policy_versions())
    current = versions[0] if versions else None
    return render(
        request,
        "workspace/gpai/copyright.html",
        {
            "policy": current,
            "checklist": _checklist(current) if current else [],
            "versions": versions,
        },
    )


@require_GET
def copyright_policy_detail(request: HttpRequest, number: int) -> HttpResponse:
    policy = copyright_policy_version(number)
    if policy is None:
        raise Http404("No such version of the copyright policy.")
    return render(
        request,
        "workspace/gpai/copyright_version.html",
        {"policy": policy, "checklist": _checklist(policy)},
    )


def copyright_policy_new(request: HttpRequest) -> HttpResponse:
    if not may(request, "copyright_policy.adopt"):
        return forbidden(request)
    versions = copyright_policy_versions()
    evidence = Evidence.objects.only("id", "title", "original_filename").order_by("title", "id")
    form = CopyrightPolicyForm(
        request.POST or None, initial=policy_initial(versions.first()), evidence=evidence
    )

    def page(status: int) -> HttpResponse:
        measures = [
            [form[f"{value}_status"], form[f"{value}_text"], form[f"{value}_evidence"]]
            for value in CopyrightMeasure.values
        ]
        general = [form[name] for name in CopyrightPolicyForm.base_fields]
        return render(
            request,
            "workspace/gpai/copyright_form.html",
            {"form": form, "general": general, "measures": measures},
            status=status,
        )

    return form_post(
        request,
        form,
        lambda: copyright_policy_adopt(actor=request.user, **form.service_kwargs()),
        page=page,
        success=lambda policy: (
            _("Version %(number)d of the copyright policy is in force.") % {"number": policy.number}
        ),
        done=lambda _policy: redirect("gpai:copyright_policy"),
    )


def _summary_sections(content: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "code": code,
            "title": title,
            "rows": [{"label": LABELS[n], "value": display(content.get(n))} for n in names],
        }
        for code, title, _citation, names in SECTIONS
    ]


def training_summary(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    model = _model_or_404(pk)
    version = _version_or_404(model, version_pk)
    may_write = may(request, "training_summary.write")
    if request.method == "POST" and not may_write:
        return forbidden(request)
    summary = training_summary_for(version)
    form = TrainingSummaryForm(
        request.POST or None, initial=summary_initial(summary.content) if summary else {}
    )
    draft = FilingDraft.objects.filter(kind=KIND, gpai_model_version=version).first()

    def page(status: int) -> HttpResponse:
        groups = [
            {"title": title, "fields": [form[n] for n in names]}
            for _code, title, _citation, names in SECTIONS
        ]
        return render(
            request,
            "workspace/gpai/training_summary.html",
            {
                "model": model,
                "version": version,
                "summary": summary,
                "sections": _summary_sections(summary.content) if summary else [],
                "form": form if may_write else None,
                "groups": groups,
                "draft": draft,
            },
            status=status,
        )

    if request.method != "POST":
        return page(200)
    return form_post(
        request,
        form,
        lambda: training_summary_save(
            actor=request.user, model_version=version, content=form.content()
        ),
        page=page,
        success=_(
            "The summary was saved. The public register shows it once you file it and the AI "
            "Office registers it."
        ),
        done=lambda _s: redirect(
            "gpai:model_version_training_summary", pk=model.pk, version_pk=version.pk
        ),
    )


@require_POST
def training_summary_file(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    """Open the summary's filing draft, preparing it first if there is none."""
    model = _model_or_404(pk)
    version = _version_or_404(model, version_pk)
    draft = FilingDraft.objects.filter(kind=KIND, gpai_model_version=version).first()
    if draft is not None:
        return redirect("filings:filing_detail", pk=draft.pk)
    return button_post(
        request,
        lambda: filing_draft_create(
            actor=request.user, kind=KIND, gpai_model_version_id=version.pk
        ),
        back_to=reverse(
            "gpai:model_version_training_summary", kwargs={"pk": model.pk, "version_pk": version.pk}
        ),
        success=_("The filing is prepared from the summary: check it and submit it."),
        done=lambda created: redirect("filings:filing_detail", pk=created.pk),
    )
