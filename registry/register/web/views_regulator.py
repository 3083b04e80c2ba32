"""The regulator console: queue, filing view with field comments and decisions, dashboard.

Every filing is looked up through `regulator_filing(user=...)`: a filing outside the reviewer's
jurisdiction, or in the Art 49(4) secure section without restricted access, is a 404 -- for that
reviewer it does not exist, and a 403 would confirm that it does.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.accounts.sensitive import sensitive_step
from portal.authz import authority_role_may
from portal.pagination import Total, form_params, paginate
from portal.web_errors import run_service
from registry.register.comment_changes import CommentInContext, change_since
from registry.register.models import Filing, FilingStatus, FilingVersion
from registry.register.selectors import regulator_membership_for
from registry.register.selectors_console import (
    QUEUE_SORT,
    QueueFilters,
    regulator_evidence_cited,
    regulator_filing,
    regulator_queue,
    regulator_queue_counts,
    regulator_version,
    regulator_versions,
)
from registry.register.selectors_incidents_console import incident_open_counts
from registry.register.selectors_mandates import filing_representatives
from registry.register.services import review
from registry.register.web.access import regulator_required
from registry.register.web.downloads import evidence_response, pdf_response
from registry.register.web.forms import (
    CommentForm,
    DecisionForm,
    QueueFilterForm,
    RejectForm,
    RequestChangesForm,
)
from registry.register.web.record import field_choices, record

PAGE_SIZE = 25
OPEN = (FilingStatus.SUBMITTED, FilingStatus.UNDER_REVIEW)


@regulator_required
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    filters = QueueFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        restricted = {"yes": True, "no": False}.get(data.get("restricted") or "")
        filters = QueueFilters(
            q=data.get("q") or "",
            status=data.get("status") or "",
            kind=data.get("kind") or "",
            member_state=data.get("member_state") or "",
            annex_iii_area=data.get("annex_iii_area") or "",
            risk_tier=data.get("risk_tier") or "",
            organisation=data.get("organisation") or "",
            submitted_from=data.get("submitted_from"),
            submitted_to=data.get("submitted_to"),
            restricted=restricted,
        )
    invalid = form.is_bound and not form.is_valid()
    results = regulator_queue(user=request.user, filters=filters)
    counts = regulator_queue_counts(user=request.user, filters=filters)
    page = paginate(
        request,
        results.none() if invalid else results,
        sorts=[QUEUE_SORT],
        params=form_params(form),
        count=False,
        default_size=PAGE_SIZE,
    )
    # The per-status counts already cover the filtered queue (maintained counts where they
    # can answer): the page's total, exact, without counting the filings again.
    total = (
        0
        if invalid
        else (counts.get(filters.status, 0) if filters.status else sum(counts.values()))
    )
    page.total = Total(total, exact=True)
    params = request.GET.copy()
    for name in ("cursor", "page"):
        params.pop(name, None)
    status_params = params.copy()
    status_params.pop("status", None)
    # The console's landing also says what waits in the incident inbox (one query).
    incidents_open, incidents_overdue = incident_open_counts(
        memberships=request.authority_memberships  # type: ignore[attr-defined]
    )
    return render(
        request,
        "regulator/queue.html",
        {
            "form": form,
            "page": page,
            "counts": [(s, FilingStatus(s).label, n) for s, n in counts.items()],
            "current_status": filters.status,
            "status_query": status_params.urlencode(),
            "incidents_open": incidents_open,
            "incidents_overdue": incidents_overdue,
        },
        status=422 if invalid else 200,
    )


def _filing_or_404(request: HttpRequest, filing_id: object) -> Filing:
    filing = regulator_filing(user=request.user, filing_id=filing_id)
    if filing is None:
        raise Http404("No such filing.")
    return filing


def _version(versions: list[FilingVersion], number: int) -> FilingVersion:
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404("No such version.")
    return version


def _filing_page(
    request: HttpRequest,
    filing: Filing,
    *,
    number: int | None = None,
    forms: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    versions = regulator_versions(user=request.user, filing=filing)
    if not versions:
        raise Http404("No such filing.")
    latest = versions[-1]
    version = latest if number is None else _version(versions, number)
    # Each comment with what changed in its field since the version it was written on.
    comments = [
        CommentInContext(c, change=change_since(c, version.snapshot, version.number))
        for v in versions
        if v.number <= version.number
        for c in v.comments.all()
    ]
    membership = regulator_membership_for(user=request.user, filing=filing)
    # The newest version this reviewer may read; decisions concern the filing's newest version.
    is_latest = version.number == latest.number == filing.latest_version_number
    forms = forms or {}
    initial = {"version_number": latest.number}
    choices = field_choices(latest.snapshot)
    context = {
        "filing": filing,
        "version": version,
        "latest": latest,
        "is_latest": is_latest,
        "versions": versions,
        "record": record(version.snapshot, sha256=version.sha256, comments=comments),
        "snapshot_section": (version.snapshot.get("registration") or {}).get("section"),
        "evidence": list(version.evidence.all()),
        "decisions": [d for v in versions for d in v.decisions.all()],
        "membership": membership,
        "may_decide_final": membership is not None
        and authority_role_may(membership.role, "review.decide_final"),
        "can_decide": is_latest and latest.status in OPEN,
        "can_start": is_latest and latest.status == FilingStatus.SUBMITTED,
        "comment_form": forms.get("comment") or CommentForm(),
        "comment_field": forms.get("comment_field", ""),
        "changes_form": forms.get("changes")
        or RequestChangesForm(initial=initial, field_choices=choices),
        "reject_form": forms.get("reject") or RejectForm(initial=initial),
        "decision_form": DecisionForm(initial=initial),
        "decision_error": forms.get("error", ""),
        # Art 22, Art 54: whom the regulator may address besides the provider, or "none".
        "representative": filing_representatives([filing]).get(filing.pk),
    }
    return render(request, "regulator/filing.html", context, status=status)


@regulator_required
def filing_detail(request: HttpRequest, filing_id: str) -> HttpResponse:
    return _filing_page(request, _filing_or_404(request, filing_id))


@regulator_required
def version_detail(request: HttpRequest, filing_id: str, number: int) -> HttpResponse:
    return _filing_page(request, _filing_or_404(request, filing_id), number=number)


@regulator_required
def version_pdf(request: HttpRequest, filing_id: str, number: int) -> HttpResponse:
    filing = _filing_or_404(request, filing_id)
    version = regulator_version(user=request.user, filing=filing, number=number)
    if version is None:
        raise Http404("No such version.")
    return pdf_response(version)


@regulator_required
def evidence_download(request: HttpRequest, filing_id: str, sha256: str) -> HttpResponse:
    filing = _filing_or_404(request, filing_id)
    citation = regulator_evidence_cited(user=request.user, filing=filing, sha256=sha256)
    if citation is None:
        raise Http404("No such evidence.")
    return evidence_response(citation.blob, citation.name)


@require_POST
@regulator_required
def comment(request: HttpRequest, filing_id: str) -> HttpResponse:
    filing = _filing_or_404(request, filing_id)
    form = CommentForm(request.POST)
    forms = {"comment": form, "comment_field": request.POST.get("field", "")}
    if not form.is_valid():
        return _filing_page(request, filing, forms=forms, status=422)
    added = run_service(
        request,
        lambda: review.filing_comment(
            actor=request.user,
            filing=filing,
            field=form.cleaned_data["field"],
            body=form.cleaned_data["body"],
        ),
        form=form,
        page=lambda _e, status: _filing_page(request, filing, forms=forms, status=status),
    )
    if isinstance(added, HttpResponse):
        return added
    messages.success(request, _("Your comment was added."))
    url = reverse("regulator:filing", args=[filing.pk])
    return redirect(f"{url}#field-{form.cleaned_data['field']}")


ACTIONS = {
    "start": DecisionForm,
    "request-changes": RequestChangesForm,
    "register": DecisionForm,
    "reject": RejectForm,
}


@require_POST
@regulator_required
@sensitive_step  # a decision changes what the register shows (Art 71): a fresh second factor
def decide(request: HttpRequest, filing_id: str, action: str) -> HttpResponse:
    filing = _filing_or_404(request, filing_id)
    if action not in ACTIONS:
        raise Http404("No such action.")
    form_class = ACTIONS[action]
    latest = filing.versions.order_by("-number").first()
    kwargs = (
        {"field_choices": field_choices(latest.snapshot)} if action == "request-changes" else {}
    )
    form = form_class(request.POST, **kwargs)
    if form.is_valid() and action in CONFIRMED and request.POST.get("confirmed") != "yes":
        # Registering and rejecting are final for the version: a page of its own asks the lead
        # to confirm (no JavaScript needed); the answer posts the same fields back.
        return _confirm_page(request, filing, action, form, latest)
    if not form.is_valid():
        return _decision_refused(request, filing, action, form, 422)
    decided = run_service(
        request,
        lambda: _decide(request, filing, action, form),
        form=form,
        aliases={"comments": "comment"},
        # A reviewer may see the buttons but only a lead decides: said on the form.
        denied_on_form=True,
        page=lambda _e, status: _decision_refused(request, filing, action, form, status),
    )
    if isinstance(decided, HttpResponse):
        return decided
    messages.success(request, _done_message(action))
    return redirect("regulator:filing", filing.pk)


def _decide(request: HttpRequest, filing: Filing, action: str, form: Any) -> object:
    number = form.cleaned_data["version_number"]
    if action == "start":
        return review.filing_start_review(actor=request.user, filing=filing)
    if action == "request-changes":
        return review.filing_request_changes(
            actor=request.user,
            filing=filing,
            comments=form.comments(),
            reason=form.cleaned_data.get("reason", ""),
            version_number=number,
        )
    if action == "register":
        return review.filing_register(actor=request.user, filing=filing, version_number=number)
    return review.filing_reject(
        actor=request.user,
        filing=filing,
        reason=form.cleaned_data["reason"],
        version_number=number,
    )


def _decision_refused(
    request: HttpRequest, filing: Filing, action: str, form: Any, status: int
) -> HttpResponse:
    forms = {"changes" if action == "request-changes" else action: form}
    if action in ("start", "register"):
        forms["error"] = " ".join(str(e) for e in form.non_field_errors()) or _(
            "This decision could not be taken."
        )
    return _filing_page(request, filing, forms=forms, status=status)


CONFIRMED = ("register", "reject")


def _confirm_page(
    request: HttpRequest, filing: Filing, action: str, form: Any, latest: FilingVersion | None
) -> HttpResponse:
    return render(
        request,
        "regulator/confirm.html",
        {
            "filing": filing,
            "action": action,
            "latest": latest,
            "number": form.cleaned_data["version_number"],
            "reason": form.cleaned_data.get("reason", ""),
        },
    )


def _done_message(action: str) -> str:
    return {
        "start": _("Review started."),
        "request-changes": _("Changes requested; the organisation is told."),
        "register": _("Registered."),
        "reject": _("Rejected; the organisation is told."),
    }[action]
