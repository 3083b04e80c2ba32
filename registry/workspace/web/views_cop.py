"""Code of Practice pages: one card per chapter, and per chapter its change form and history.

Signing is per chapter (ai-act.md 8.3; a provider may sign Safety and Security only), and the
status changes over time, so each chapter shows every change with before and after.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from portal.web_errors import button_post, forbidden, run_service
from registry.register.models import FilingKind, FilingStatus
from registry.workspace.choices import CoPChapter, CoPStatus
from registry.workspace.models import Evidence, GPAIModel
from registry.workspace.selectors import cop_signature_history, cop_signature_list
from registry.workspace.selectors.drafts import cop_declaration_state
from registry.workspace.services.cop import cop_signature_set
from registry.workspace.services.drafts import filing_draft_create
from registry.workspace.web.access import may
from registry.workspace.web.diff import display
from registry.workspace.web.forms_gpai import CoPSignatureForm

HISTORY_LABELS = {
    "status": gettext_lazy("Status"),
    "status_date": gettext_lazy("Date of the status"),
    "signatory_name": gettext_lazy("Signatory"),
    "signatory_authority": gettext_lazy("Authority to bind"),
    "public_statement_url": gettext_lazy("Public statement (URL)"),
    "models_covered": gettext_lazy("Models covered"),
    "notes": gettext_lazy("Notes"),
    "alternative_means": gettext_lazy("Alternative adequate means"),
}


def _models() -> Any:
    return GPAIModel.objects.only("id", "uid", "name").order_by("name")


@require_GET
def cop_list(request: HttpRequest) -> HttpResponse:
    signatures = {s.chapter: s for s in cop_signature_list()}
    declaration = cop_declaration_state()
    chapters = dict(CoPChapter.choices)
    cards = [
        {
            "chapter": value,
            "label": label,
            "signature": signatures.get(value),
            "unfiled": value in declaration.changed_chapters,
        }
        for value, label in CoPChapter.choices
    ]
    return render(
        request,
        "workspace/cop/list.html",
        {
            "cards": cards,
            "declaration": declaration,
            "changed_labels": [chapters.get(c, c) for c in declaration.changed_chapters],
            "filed_status_label": dict(FilingStatus.choices).get(declaration.filed_status, ""),
        },
    )


@require_POST
def cop_declaration(request: HttpRequest) -> HttpResponse:
    """Open the declaration's draft, preparing it first if there is none (Art 56: the public
    signatory register shows what the AI Office registered, not what this page records)."""
    declaration = cop_declaration_state()
    if declaration.draft is not None:
        return redirect("filings:filing_detail", pk=declaration.draft.pk)
    return button_post(
        request,
        lambda: filing_draft_create(
            actor=request.user, kind=FilingKind.COP_SIGNATORY_DECLARATION.value
        ),
        back_to=reverse("code_of_practice:cop_list"),
        success=_(
            "The declaration is prepared from the chapters' statuses: check it and submit it."
        ),
        done=lambda draft: redirect("filings:filing_detail", pk=draft.pk),
    )


def _history(chapter: str) -> list[dict[str, Any]]:
    changes = list(cop_signature_history(chapter=chapter))
    ids = {
        pk
        for change in changes
        for state in (change.before or {}, change.after or {})
        for pk in state.get("models_covered", [])
    }
    names = dict(GPAIModel.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    statuses = dict(CoPStatus.choices)
    rows = []
    for change in changes:
        before, after = change.before or {}, change.after or {}
        fields = []
        for key, label in HISTORY_LABELS.items():
            old, new = before.get(key), after.get(key)
            if key == "models_covered":
                old = [names.get(pk, str(pk)) for pk in old or []]
                new = [names.get(pk, str(pk)) for pk in new or []]
            if key == "status":
                old, new = statuses.get(old, old), statuses.get(new, new)
            if old != new:
                fields.append({"label": label, "old": display(old), "new": display(new)})
        rows.append({"change": change, "fields": fields, "first": not change.before})
    return rows


def cop_chapter(request: HttpRequest, chapter: str) -> HttpResponse:
    if chapter not in CoPChapter.values:
        raise Http404("No such chapter.")
    signature = next((s for s in cop_signature_list() if s.chapter == chapter), None)
    may_sign = may(request, "cop.sign")
    if request.method == "POST" and not may_sign:
        return forbidden(request)
    initial: dict[str, Any] = {"status": CoPStatus.NOT_SIGNED}
    if signature is not None:
        initial = {
            "status": signature.status,
            "status_date": signature.status_date,
            "signatory_name": signature.signatory_name,
            "signatory_authority": signature.signatory_authority,
            "public_statement_url": signature.public_statement_url,
            "models_covered": list(signature.models_covered.all()),
            "notes": signature.notes,
            "alternative_means": signature.alternative_means,
            "alternative_evidence": list(signature.alternative_evidence.all()),
        }
    evidence = Evidence.objects.only("id", "uid", "title").order_by("title", "id")
    form = CoPSignatureForm(
        request.POST or None, initial=initial, models=_models(), evidence=evidence
    )

    def page(status: int) -> HttpResponse:
        context = {
            "chapter": chapter,
            "label": CoPChapter(chapter).label,
            "signature": signature,
            "form": form if may_sign else None,
            "history": _history(chapter),
        }
        return render(request, "workspace/cop/chapter.html", context, status=status)

    if request.method != "POST":
        return page(200)
    if not form.is_valid():
        return page(422)
    saved = run_service(
        request,
        lambda: cop_signature_set(actor=request.user, chapter=chapter, **form.cleaned_data),
        form=form,
        page=lambda _e, status: page(status),
    )
    if isinstance(saved, HttpResponse):
        return saved
    messages.success(
        request,
        _(
            "The chapter's status was saved. The public signatory register changes "
            "once you file the declaration and the AI Office registers it."
        ),
    )
    return redirect("code_of_practice:cop_chapter", chapter=chapter)
