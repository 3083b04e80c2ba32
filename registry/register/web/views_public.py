"""The public register (Art 71), with no login: search, registration pages with their version
history, the Code of Practice signatory register. Only `selectors_public` is read here, which
shows registered, non-restricted filings and only their public fields."""

from __future__ import annotations

import re

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from portal.pagination import form_params, list_controls, paginate
from registry import labels
from registry.register.models import Filing
from registry.register.selectors import public_snapshot
from registry.register.selectors_public import (
    REGISTER_SORTS,
    SIGNATORY_SORTS,
    RegisterFilters,
    is_listing_only,
    public_file,
    public_filing,
    public_pdf_allowed,
    public_register_rows,
    public_risk_tier,
    public_version,
    public_versions,
    signatory_declarations,
    signatory_states,
)
from registry.register.selectors_public_copies import public_copy
from registry.register.web.downloads import evidence_response, public_pdf_response
from registry.register.web.forms import RegisterFilterForm
from registry.register.web.record import field_label, item_title
from registry.workspace.choices import CoPChapter, CoPStatus

# An address the reader can follow: shown as a link (rel=nofollow), never as markup.
_WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"']+$")

PAGE_SIZE = 25


def register_list(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = RegisterFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = RegisterFilters(
            **{k: data.get(k) or "" for k in RegisterFilters.__dataclass_fields__}
        )
    invalid = form.is_bound and not form.is_valid()
    # An unknown filter value is shown next to its field; it never silently widens the search.
    rows = public_register_rows(filters)
    page = paginate(
        request,
        rows.none() if invalid else rows,
        sorts=REGISTER_SORTS,
        params=form_params(form),
        default_size=PAGE_SIZE,
    )
    for filing in page.rows:
        _decorate(filing)
    return render(
        request,
        "register/list.html",
        {
            "form": form,
            "filtered": request.GET,
            **list_controls(page, REGISTER_SORTS),
        },
        status=422 if invalid else 200,
    )


def _decorate(filing: Filing) -> Filing:
    """Translated labels of the codes a filing row carries."""
    risk_tier = public_risk_tier(filing)
    filing.risk_tier_label = labels.RISK_TIER.get(risk_tier, risk_tier or "—")
    filing.area_label = labels.ANNEX_III_AREA.get(filing.annex_iii_area, filing.annex_iii_area)
    filing.member_states_label = ", ".join(
        str(labels.MEMBER_STATE.get(code, code)) for code in filing.member_states
    )
    return filing


def _public_items(snapshot: dict, filing_pk: object, number: int) -> list[dict]:
    from registry.filings.presentation import display

    items = []
    for item in (snapshot.get("registration") or {}).get("items", []):
        title, translated = item_title(str(item.get("code", "")), str(item.get("title", "")))
        rows = []
        for key, value in (item.get("fields") or {}).items():
            label, label_translated = field_label(key)
            row = {"label": label, "translated": label_translated}
            if isinstance(value, dict) and {"filename", "sha256"} <= value.keys():
                # A file the registration cites (A9, A11, A12): the public downloads it.
                row["file"] = {
                    "name": str(value["filename"]),
                    "sha256": str(value["sha256"]),
                    "url": reverse("register:file", args=[filing_pk, number, str(value["sha256"])]),
                }
            elif isinstance(value, str) and _WEB_ADDRESS.match(value):
                row["link"] = value  # A12 as an address, A13: a link, not text to copy
            row["value"] = display(labels.field_value(key, value))  # codes as their labels
            rows.append(row)
        items.append(
            {
                "code": item.get("code"),
                "title": title,
                "translated": translated,
                "citation": item.get("citation"),
                "fields": rows,
            }
        )
    return items


def _entry(request: HttpRequest, filing_id: str, number: int | None) -> HttpResponse:
    filing = public_filing(filing_id)
    if filing is None:
        raise Http404("No such registration.")
    if is_listing_only(filing):
        # Art 52(6), 78: the model is on the list; no version of the notification is public.
        if number is not None:
            raise Http404("No such version.")
        return render(request, "register/listing.html", {"filing": _decorate(filing)})
    versions = public_versions(filing)
    wanted = filing.registered_version_number if number is None else number
    version = next((v for v in versions if v.number == wanted), None)
    if version is None:
        raise Http404("No such version.")
    snapshot = public_snapshot(version.snapshot)
    _decorate(filing)
    return render(
        request,
        "register/entry.html",
        {
            "filing": filing,
            "version": version,
            "is_registered_version": version.number == filing.registered_version_number,
            "snapshot": snapshot,
            "items": _public_items(snapshot, filing.pk, version.number),
            "versions": [(v, public_copy(v)) for v in versions],
            "public_copy": public_copy(version),
        },
    )


def register_entry(request: HttpRequest, filing_id: str) -> HttpResponse:
    return _entry(request, filing_id, None)


def register_version(request: HttpRequest, filing_id: str, number: int) -> HttpResponse:
    return _entry(request, filing_id, number)


def register_pdf(request: HttpRequest, filing_id: str, number: int) -> HttpResponse:
    filing = public_filing(filing_id)
    version = public_version(filing, number) if filing is not None else None
    # Art 71(4), 49(4): only registered versions of public registrations are published.
    if version is None or not public_pdf_allowed(version):
        raise Http404("No such PDF.")
    return public_pdf_response(version)  # the public copy, never the complete filing


def register_file(request: HttpRequest, filing_id: str, number: int, sha256: str) -> FileResponse:
    """A file the public part of a registered version cites (Annex VIII A9, A11, A12; Art 71(4)),
    served like the console's evidence: as an attachment, sandboxed, with its hash."""
    filing = public_filing(filing_id)
    cited = public_file(filing, number, sha256) if filing is not None else None
    if cited is None:
        raise Http404("No such file.")
    return evidence_response(cited.blob, cited.name)


def signatories(request: HttpRequest) -> HttpResponse:
    chapter = request.GET.get("chapter", "")
    if chapter not in CoPChapter.values:
        chapter = ""
    chapters = dict(CoPChapter.choices)
    statuses = dict(CoPStatus.choices)
    page = paginate(
        request,
        signatory_declarations(),
        sorts=SIGNATORY_SORTS,
        params={"chapter": chapter},
    )
    organisations: dict[str, dict] = {}
    for state in signatory_states(chapter=chapter, declarations=page.rows):
        entry = organisations.setdefault(
            state.organisation_slug,
            {
                "name": state.organisation,
                "filing_id": state.filing_id,
                "current": [],
                "history": [],
            },
        )
        row = {
            "state": state,
            "chapter": chapters.get(state.chapter, state.chapter),
            "status": statuses.get(state.status, state.status),
        }
        entry["current" if state.current else "history"].append(row)
    return render(
        request,
        "register/signatories.html",
        {
            "organisations": list(organisations.values()),
            "chapters": CoPChapter.choices,
            "chapter": chapter,
            **list_controls(page, SIGNATORY_SORTS),
        },
    )
