"""Filing pages of an organisation's host: drafts, checklist, submit, PDF progress, comments,
versions and their diff, withdraw. Membership is checked by the middleware; roles by the services
(submit and withdraw bind the organisation in law, Art 49: administrators and owners)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.db import connection
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.pagination import form_params, list_controls, paginate
from portal.web_errors import button_post, forbidden, run_service
from registry import labels
from registry.register.comment_changes import CommentInContext
from registry.register.models import MODEL_KINDS, SYSTEM_KINDS, Filing, FilingKind
from registry.register.models.filings import OPEN_STATUSES
from registry.register.selectors import public_filings
from registry.register.services.comments import comment_resolve
from registry.register.services.review import withdrawal_effect
from registry.workspace.mdf import MDF_BY_KEY
from registry.workspace.models import AISystem, GPAIModelVersion
from registry.workspace.selectors.drafts import (
    FILING_DRAFT_SORTS,
    filing_draft_checklist,
    filing_draft_comment,
    filing_draft_register_state,
    filing_draft_rows_with_status,
)
from registry.workspace.services.drafts import (
    filing_draft_create,
    filing_draft_discard,
    filing_draft_submit,
    filing_draft_update,
    filing_withdraw_for_draft,
)
from registry.workspace.web.access import may
from registry.workspace.web.diff import field_display, field_label, item_title
from registry.workspace.web.filing_lookup import draft_or_404, pdf_job_of
from registry.workspace.web.forms_filings import (
    DiffForm,
    FilingDraftCreateForm,
    FilingDraftNotesForm,
    FilingListFilterForm,
    WithdrawForm,
)
from registry.workspace.web.forms_systems import field_group_key

FINAL_PDF_STATES = ("ready", "failed")
MDF_KEYS = frozenset(MDF_BY_KEY)
# Fields the version form edits (the rest of the MDF is on the documentation page).
VERSION_FORM_FIELDS = frozenset({"threshold_known_on", "training_compute_flops", "version"})


# --- small shared pieces (the CoP and settings views use them too) ---------------------------


# --- where a missing item is edited --------------------------------------------------------

# The system pages belong to urls_systems (namespace "systems_ui"): resolved lazily, so this
# page still works (with a plain link) while those pages change.
SYSTEM_EDIT_URL = "systems_ui:system_edit"
SYSTEM_CLASSIFY_URL = "systems_ui:system_classify"


def _system_url(name: str, system_id: int, fallback: str) -> str:
    try:
        return reverse(name, kwargs={"system_id": system_id})
    except NoReverseMatch:
        return fallback


def field_edit_url(draft: Any, field: str) -> str:
    """The page where the field a checklist item names is edited, anchored at the field."""
    if field == "extra_evidence":  # cited by the draft itself (API), not by its subject
        return reverse("filings:filing_detail", kwargs={"pk": draft.pk})
    if draft.system_id:
        if field in ("classification", "kind"):
            return _system_url(
                SYSTEM_CLASSIFY_URL, draft.system_id, f"/systems/{draft.system_id}/classify/"
            )
        # The page of the task list where the field is (the Annex VIII item's own page).
        part = field_group_key(draft.system, field)
        if part is not None:
            url = reverse(
                "systems_ui:system_edit_part", kwargs={"system_id": draft.system_id, "part": part}
            )
        else:
            url = _system_url(SYSTEM_EDIT_URL, draft.system_id, f"/systems/{draft.system_id}/edit/")
        return f"{url}#id_{field}"
    if draft.gpai_model_version_id:
        version = draft.gpai_model_version
        name = "gpai:model_version_edit"
        if draft.kind == "gpai_training_summary":
            name = "gpai:model_version_training_summary"
        elif field in MDF_KEYS and field not in VERSION_FORM_FIELDS:
            name = "gpai:model_version_documentation"
        url = reverse(name, kwargs={"pk": version.model_id, "version_pk": version.pk})
        return f"{url}#id_{field}"
    if draft.kind == "cop_signatory_declaration":
        return reverse("code_of_practice:cop_list")
    return reverse("filings:filing_detail", kwargs={"pk": draft.pk})


# --- reads for the list (one query for drafts, one for their register rows) -------------------


def _register_rows(drafts: list[Any]) -> dict[uuid.UUID, Filing]:
    ids = [d.register_filing_id for d in drafts if d.register_filing_id]
    if not ids:
        return {}
    # Only this organisation's filings: the ids come from its schema, the filter makes sure.
    rows = Filing.objects.filter(pk__in=ids, organisation=connection.tenant)
    return {row.pk: row for row in rows}


@require_GET
def filing_list(request: HttpRequest) -> HttpResponse:
    filters = FilingListFilterForm(request.GET or None)
    status = filters.cleaned_data.get("status", "") if filters.is_valid() else ""
    page = paginate(
        request,
        filing_draft_rows_with_status(status),
        sorts=FILING_DRAFT_SORTS,
        params=form_params(filters),
    )
    drafts = labels.with_labels(page.rows, "kind")
    rows = _register_rows(drafts)
    entries = [{"draft": d, "filing": rows.get(d.register_filing_id)} for d in drafts]
    context = {"entries": entries, "filters": filters, **list_controls(page, FILING_DRAFT_SORTS)}
    status_code = 422 if filters.is_bound and not filters.is_valid() else 200
    return render(request, "workspace/filings/list.html", context, status=status_code)


# --- new draft --------------------------------------------------------------------------------


def _provider_entries(query: str) -> list[Filing]:
    """Registered, public Section A entries (Art 49(3)): what a deployer may select."""
    entries = public_filings().filter(kind=FilingKind.ANNEX_VIII_A)
    query = query.strip()
    if query:
        entries = entries.filter(
            Q(registration_number__icontains=query)
            | Q(subject_name__icontains=query)
            | Q(organisation__legal_name__icontains=query)
        )
    return list(entries.order_by("registration_number")[:20])


def _new_form(data: Any = None, initial: dict[str, Any] | None = None) -> FilingDraftCreateForm:
    return FilingDraftCreateForm(
        data,
        initial=initial,
        systems=AISystem.objects.order_by("trade_name"),
        versions=GPAIModelVersion.objects.select_related("model").order_by("model__name", "id"),
    )


def _selected_entry(value: str) -> Filing | None:
    try:
        pk = uuid.UUID(str(value))
    except ValueError:
        return None
    return public_filings().filter(pk=pk, kind=FilingKind.ANNEX_VIII_A).first()


def filing_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = _new_form(initial={"kind": request.GET.get("kind", "annex_viii_a")})
        return _new_page(request, form, request.GET, 200)
    form = _new_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        provider = data.get("provider_filing_id") or None
        if provider and _selected_entry(provider) is None:
            form.add_error("provider_filing_id", _("No such registered entry."))
        else:
            draft = run_service(
                request,
                lambda: filing_draft_create(
                    actor=request.user,
                    kind=data["kind"],
                    system_id=data.get("system_id"),
                    gpai_model_version_id=data.get("gpai_model_version_id"),
                    provider_filing_id=provider if data["kind"] == "annex_viii_c" else None,
                    notes=data.get("notes", ""),
                ),
                form=form,
                aliases={
                    "system": "system_id",
                    "gpai_model_version": "gpai_model_version_id",
                    "provider_filing": "provider_filing_id",
                },
                page=lambda _e, status: _new_page(request, form, request.POST, status),
            )
            if isinstance(draft, HttpResponse):
                return draft
            messages.success(request, _("Draft created. Complete the checklist below."))
            return redirect("filings:filing_detail", pk=draft.pk)
    return _new_page(request, form, request.POST, 422)


def _new_page(request: HttpRequest, form: Any, params: Any, status: int) -> HttpResponse:
    query = params.get("provider_q", "")
    selected = params.get("provider_filing_id", "")
    kind = params.get("kind") or "annex_viii_a"
    context = {
        "form": form,
        # Only the fields of the chosen kind are shown (the others are hidden, and a script
        # shows them as the kind changes; without it, "Show the fields" reloads the page).
        "kind": kind,
        "needs_system": kind in SYSTEM_KINDS,
        "needs_model": kind in MODEL_KINDS,
        "provider_q": query,
        "provider_entries": _provider_entries(query) if query else [],
        "selected_entry": _selected_entry(selected) if selected else None,
        "searched": bool(query),
    }
    return render(request, "workspace/filings/new.html", context, status=status)


@require_GET
def provider_entries(request: HttpRequest) -> HttpResponse:
    """htmx: the search results of the provider's registered entries (Section C)."""
    query = request.GET.get("provider_q", "")
    return render(
        request,
        "workspace/filings/_provider_entries.html",
        {
            "provider_entries": _provider_entries(query) if query else [],
            "provider_q": query,
            "searched": bool(query),
        },
    )


# --- the draft page ---------------------------------------------------------------------------


def _comments_by_key(comments: list[Any]) -> dict[str, list[Any]]:
    by_key: dict[str, list[Any]] = {}
    for comment in comments:
        by_key.setdefault(comment.field, []).append(comment)
    return by_key


def _items_with_comments(
    items: list[dict[str, Any]], comments: dict[str, list[Any]], missing: set[str]
) -> tuple[list[dict[str, Any]], list[Any]]:
    """Registration items with each review comment next to the item or field it concerns;
    comments on anything else (general, classification, evidence) come back separately."""
    placed: set[str] = set()
    shown = []
    for item in items:
        fields = []
        for name, value in (item.get("fields") or {}).items():
            fields.append(
                {
                    "name": name,
                    "label": field_label(name),
                    "value": field_display(name, value),
                    "comments": comments.get(name, []),
                    "missing": name in missing,
                }
            )
            placed.add(name)
        placed.add(item["code"])
        shown.append(
            {
                "code": item["code"],
                "title": item_title(item["code"], item["title"]),
                "citation": item.get("citation", ""),
                "withheld": item.get("withheld_from_public", False),
                "comments": comments.get(item["code"], []),
                "fields": fields,
            }
        )
    other = [c for key, group in comments.items() if key not in placed for c in group]
    return shown, other


def _detail_context(request: HttpRequest, draft: Any, **extra: Any) -> dict[str, Any]:
    content = filing_draft_checklist(draft)
    state = filing_draft_register_state(draft)
    missing = [
        {
            "item": item,
            "title": item_title(item.code, item.title),
            "edit_url": field_edit_url(draft, item.field),
        }
        for item in content.missing
    ]
    # Each comment links to the page where what it concerns is edited (an item: its first field).
    first_field = {i["code"]: next(iter(i.get("fields") or {}), i["code"]) for i in content.items}
    comments = [
        CommentInContext(
            c,
            edit_url=""
            if c.field in ("general", "evidence")
            else field_edit_url(draft, first_field.get(c.field, c.field)),
        )
        for c in state.comments
    ]
    items, other_comments = _items_with_comments(
        content.items, _comments_by_key(comments), {m.field for m in content.missing}
    )
    versions = [{"version": v, "job": pdf_job_of(v)} for v in state.versions]
    numbers = sorted(v.number for v in state.versions)
    latest = state.versions[0] if state.versions else None
    context = {
        "draft": draft,
        "content": content,
        "missing": missing,
        "excluded": [
            {**item, "title": item_title(item["code"], item["title"])} for item in content.excluded
        ],
        "items": items,
        "other_comments": other_comments,
        "comment_count": len(state.comments),
        "filing": state.filing,
        "latest": latest,
        "versions": versions,
        "withdrawal": withdrawal_effect(state.filing, latest.status)
        if latest is not None and state.filing is not None
        else "",
        "registered_number": state.filing.registered_version_number if state.filing else None,
        "can_submit": latest is None or latest.status not in OPEN_STATUSES,
        "notes_form": FilingDraftNotesForm(initial={"notes": draft.notes}),
        "withdraw_form": WithdrawForm(),
        "diff_form": DiffForm(
            numbers=numbers,
            initial={"a": numbers[-2] if len(numbers) > 1 else None, "b": numbers[-1]},
        )
        if len(numbers) > 1
        else None,
    }
    context.update(extra)
    return context


@require_GET
def filing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, draft_or_404(pk), 200)


def _detail_page(request: HttpRequest, draft: Any, status: int, **errors: Any) -> HttpResponse:
    context = _detail_context(request, draft, **errors)
    return render(request, "workspace/filings/detail.html", context, status=status)


@require_POST
def filing_submit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_or_404(pk)
    version = run_service(
        request,
        lambda: filing_draft_submit(
            actor=request.user, draft=draft, confirmed=request.POST.get("confirm") == "on"
        ),
        page=lambda error, status: _detail_page(request, draft, status, submit_error=error),
    )
    if isinstance(version, HttpResponse):
        return version
    messages.success(
        request,
        _("Version %(number)s filed as %(registration)s. Its PDF is being prepared.")
        % {"number": version.number, "registration": version.filing.registration_number},
    )
    return redirect("filings:filing_detail", pk=draft.pk)


@require_POST
def filing_notes(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_or_404(pk)
    form = FilingDraftNotesForm(request.POST)
    back = reverse("filings:filing_detail", kwargs={"pk": draft.pk})
    if not form.is_valid():
        return redirect(back)
    return button_post(
        request,
        lambda: filing_draft_update(
            actor=request.user, draft=draft, notes=form.cleaned_data["notes"]
        ),
        back_to=back,
        success=_("Notes saved."),
    )


@require_POST
def filing_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    draft = draft_or_404(pk)
    form = WithdrawForm(request.POST)
    form.is_valid()
    withdrawn = run_service(
        request,
        lambda: filing_withdraw_for_draft(
            actor=request.user, draft=draft, reason=form.cleaned_data.get("reason", "")
        ),
        page=lambda error, status: _detail_page(request, draft, status, withdraw_error=error),
    )
    if isinstance(withdrawn, HttpResponse):
        return withdrawn
    messages.success(request, _("The filing was withdrawn."))
    return redirect("filings:filing_detail", pk=draft.pk)


@require_POST
def filing_comment_resolve(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    """The organisation's answer to a reviewer's comment (the review loop, issue 15 item 8)."""
    draft = draft_or_404(pk)
    comment = filing_draft_comment(draft, comment_id)
    if comment is None:
        raise Http404("No such comment.")
    text = request.POST.get("resolution", "")
    resolved = run_service(
        request,
        lambda: comment_resolve(actor=request.user, comment=comment, resolution=text),
        page=lambda error, status: _detail_page(
            request,
            draft,
            status,
            resolve_error={"comment": comment.pk, "error": error, "value": text},
        ),
    )
    if isinstance(resolved, HttpResponse):
        return resolved
    messages.success(request, _("Your answer was sent to the reviewer."))
    url = reverse("filings:filing_detail", kwargs={"pk": draft.pk})
    return redirect(f"{url}#review-comment-{comment.pk}")


def filing_discard(request: HttpRequest, pk: int) -> HttpResponse:
    """Throw away a draft never filed: a confirmation page, then the service (issue 15 item 13)."""
    draft = draft_or_404(pk)
    if not may(request, "filing.prepare"):
        return forbidden(request)
    if request.method != "POST":
        return render(request, "workspace/filings/discard.html", {"draft": draft})
    return button_post(
        request,
        lambda: filing_draft_discard(actor=request.user, draft=draft),
        back_to=reverse("filings:filing_detail", kwargs={"pk": draft.pk}),
        success=_("The draft was discarded."),
        done=lambda _discarded: redirect("filings:filing_list"),
    )
