"""Reads of the public register (Art 71): search, registration pages, the Code of Practice
signatory register and the open-data rows. Everything starts from `public_filings()` of the
PUBLIC_KINDS and shows only `public_snapshot()` of a version, so the Art 49(4) secure section, the
non-public parts of a filing (risk and QMS summaries, evidence, the person who filed) and what GPAI
providers file with the AI Office (Art 78) cannot leak from here."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from portal.pagination import Sort
from registry.filings.snapshots import declaration_chapters
from registry.register.models import (
    Filing,
    FilingEvidence,
    FilingKind,
    FilingStatus,
    FilingVersion,
)
from registry.register.search import filing_organisation_filter, filing_search
from registry.register.selectors import public_filings, public_snapshot
from registry.rules.enums import RiskTier

# Versions whose PDF the public may download: those a regulator registered (Art 71(4)).
PUBLIC_PDF_STATUSES = (FilingStatus.REGISTERED, FilingStatus.SUPERSEDED)
# Art 52(6): of an Art 52 notification the public learns only what the Commission's list of
# general-purpose AI models with systemic risk says (the model, its provider); the notification
# itself, like the model documentation (Art 53(1)(a), Annex XI), goes to the AI Office and is
# confidential (Art 78). Model documentation never enters the public register.
LISTED_KINDS = (FilingKind.GPAI_ART52_NOTIFICATION.value,)
REGISTER_KINDS = (
    FilingKind.ANNEX_VIII_A.value,
    FilingKind.ANNEX_VIII_B.value,
    FilingKind.ANNEX_VIII_C.value,
    *LISTED_KINDS,
)
# Every kind a public page may show: the register, and the signatory register's declarations.
PUBLIC_KINDS = (*REGISTER_KINDS, FilingKind.COP_SIGNATORY_DECLARATION.value)
# Kinds whose filed versions (content, hashes, PDFs) are public: what /verify/ may confirm.
VERSIONED_KINDS = tuple(kind for kind in PUBLIC_KINDS if kind not in LISTED_KINDS)
SYSTEMIC_RISK_TIER = RiskTier.GPAI_SYSTEMIC_RISK.value


@dataclass(frozen=True)
class RegisterFilters:
    q: str = ""
    member_state: str = ""
    annex_iii_area: str = ""
    risk_tier: str = ""
    organisation: str = ""  # slug


def _register_filings(kinds: tuple[str, ...] = REGISTER_KINDS) -> QuerySet[Filing]:
    return public_filings().filter(kind__in=kinds)


def public_register_search(filters: RegisterFilters) -> QuerySet[Filing]:
    """Registered, public registrations matching the filters, newest registration first."""
    queryset = _register_filings()
    queryset = filing_search(queryset, filters.q)
    if filters.member_state:
        queryset = queryset.filter(member_states__contains=[filters.member_state])
    if filters.annex_iii_area:
        queryset = queryset.filter(annex_iii_area=filters.annex_iii_area)
    if filters.risk_tier:
        # The tier the register shows (public_risk_tier), not the one filed.
        tier = Q(risk_tier=filters.risk_tier) & ~Q(kind__in=LISTED_KINDS)
        if filters.risk_tier == SYSTEMIC_RISK_TIER:
            tier |= Q(kind__in=LISTED_KINDS)
        queryset = queryset.filter(tier)
    queryset = filing_organisation_filter(queryset, filters.organisation)
    return queryset.order_by("-registered_at", "pk")


# Sorts of the register page, each backed by an index (register/0012; the number is unique).
REGISTER_SORTS = (
    Sort("registered", _("Newest registration first"), ("-registered_at", "-id")),
    Sort("number", _("Registration number"), ("registration_number",)),
)
# What a row of the register page shows: no snapshot, no organisation beyond its name.
REGISTER_ROW_FIELDS = (
    "id", "kind", "subject_name", "registration_number", "risk_tier", "annex_iii_area",
    "member_states", "registered_at", "organisation__id", "organisation__legal_name",
)  # fmt: skip


def public_register_rows(filters: RegisterFilters) -> QuerySet[Filing]:
    """The register page's rows (REGISTER_ROW_FIELDS) of ``public_register_search``; page them
    with REGISTER_SORTS."""
    return public_register_search(filters).only(*REGISTER_ROW_FIELDS)


def public_filing(filing_id: object) -> Filing | None:
    try:
        return _register_filings(PUBLIC_KINDS).filter(pk=filing_id).first()
    except (ValueError, TypeError):
        return None


def is_listing_only(filing: Filing) -> bool:
    """True when the public sees the entry but none of its versions (Art 52(6), 78)."""
    return filing.kind in LISTED_KINDS


def public_version_lookups(prefix: str = "") -> dict[str, object]:
    """The one rule of which versions the public may read, as ORM lookups on FilingVersion
    (`prefix` "version__" from a row that points to a version): what a regulator registered (a
    version awaiting review, sent back, rejected or withdrawn before registration is not;
    Art 71(4)), never an Art 49(4) version nor one of an entry that ever had one, and only of the
    kinds whose versions are public (Art 52(6), 78). `public_pdf_allowed` is the same rule for a
    version in memory. Used by the register pages, the API, `/verify/` and the public copies."""
    return {
        f"{prefix}status__in": PUBLIC_PDF_STATUSES,
        f"{prefix}restricted": False,
        f"{prefix}filing__restricted": False,
        f"{prefix}filing__kind__in": VERSIONED_KINDS,
    }


def _public_versions(filing: Filing) -> QuerySet[FilingVersion]:
    return filing.versions.filter(**public_version_lookups())


def public_versions(filing: Filing) -> list[FilingVersion]:
    """The registered versions of a public filing (the one in force and those it superseded),
    with their PDF jobs, oldest first; none for an entry the public sees as a listing only."""
    if is_listing_only(filing):
        return []
    return list(_public_versions(filing).order_by("number").select_related("public_rendition"))


def public_version(filing: Filing, number: int) -> FilingVersion | None:
    if is_listing_only(filing):
        return None
    return _public_versions(filing).filter(number=number).select_related("public_rendition").first()


def public_pdf_allowed(version: FilingVersion) -> bool:
    return (
        version.status in PUBLIC_PDF_STATUSES
        and not version.restricted
        and not version.filing.restricted
        and version.filing.kind in VERSIONED_KINDS
    )


def public_file_hashes(snapshot: dict) -> set[str]:
    """The files a public part of a version cites: the evidence references (a dict with
    ``filename`` and ``sha256``) in the fields of its public items, that is the certificate (A9),
    the EU declaration of conformity (A11) and the instructions for use (A12) where Art 71(4)
    makes them public; never those of an item withheld under Art 49(4), which `public_snapshot`
    has already left out."""
    hashes = set()
    for item in (snapshot.get("registration") or {}).get("items", []):
        for value in (item.get("fields") or {}).values():
            if isinstance(value, dict) and {"filename", "sha256"} <= value.keys():
                hashes.add(str(value["sha256"]))
    return hashes


def public_file(filing: Filing, number: int, sha256: str) -> FilingEvidence | None:
    """The stored file `sha256` as version `number` of a public registration cites it in its
    public part, or None: a file the public may download is one the public page of a version it
    may read links to, and nothing else the organisation uploaded (risk or QMS evidence, a file
    of a pending, restricted or GPAI filing)."""
    version = public_version(filing, number)
    if version is None or not public_pdf_allowed(version):
        return None
    if sha256 not in public_file_hashes(public_snapshot(version.snapshot)):
        return None
    return (
        FilingEvidence.objects.select_related("blob")
        .filter(version=version, blob__sha256=sha256)
        .first()
    )


def systemic_risk_listing(filing: Filing) -> dict:
    """A registered Art 52 notification as the public sees it, shaped like `public_snapshot`:
    the model, its provider and that it has systemic risk (Art 52(6)); no item of the
    notification (Art 78)."""
    organisation = filing.organisation
    return {
        "kind": filing.kind,
        "filing": {"registration_number": filing.registration_number},
        "organisation": {
            "legal_name": organisation.legal_name,
            "slug": organisation.slug,
            "country": str(organisation.country),
            "organisation_type": organisation.organisation_type,
        },
        "subject": {"type": "gpai_model", "name": filing.subject_name},
        "risk_tier": SYSTEMIC_RISK_TIER,
        "registration": {"section": None, "items": []},
    }


def public_risk_tier(filing: Filing) -> str:
    """The tier the register shows: every listed model has systemic risk (Art 52(6))."""
    return SYSTEMIC_RISK_TIER if is_listing_only(filing) else filing.risk_tier


def public_entry_snapshot(filing: Filing, version: FilingVersion | None) -> dict | None:
    """What the public reads of `version` of a public filing (None: nothing)."""
    if is_listing_only(filing):
        return systemic_risk_listing(filing)
    if version is None or filing.kind not in PUBLIC_KINDS:
        return None
    return public_snapshot(version.snapshot)


# --- Code of Practice signatories ---------------------------------------------------------------


@dataclass(frozen=True)
class ChapterState:
    organisation: str
    organisation_slug: str
    country: str
    registration_number: str
    filing_id: str
    version: int
    chapter: str
    status: str
    status_date: str
    public_statement_url: str
    models_covered: tuple[str, ...]
    registered_on: datetime | None
    current: bool


# The signatory register pages by organisation (each has one declaration filing).
SIGNATORY_SORTS = (Sort("organisation", _("Organisation"), ("organisation_name", "id")),)


def signatory_declarations(*, organisation: str = "") -> QuerySet[Filing]:
    """The public declaration filings (one per organisation), by organisation name, each with
    its registered versions newest first: the pages of the signatory register (SIGNATORY_SORTS).
    Two queries for a page, whatever the number of declarations."""
    declarations = (
        public_filings()
        .filter(kind=FilingKind.COP_SIGNATORY_DECLARATION)
        .annotate(organisation_name=F("organisation__legal_name"))
        .order_by("organisation_name", "pk")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=FilingVersion.objects.filter(status__in=PUBLIC_PDF_STATUSES).order_by(
                    "-number"
                ),
                to_attr="public_versions",
            )
        )
    )
    if organisation:
        declarations = declarations.filter(organisation__slug=organisation)
    return declarations


def signatory_states(
    *, organisation: str = "", chapter: str = "", declarations: Iterable[Any] | None = None
) -> Iterator[ChapterState]:
    """Per organisation and chapter, every registered declaration (newest version first): the
    history of who signed which chapter when, of ``declarations`` (a page of
    ``signatory_declarations``) or of all of them. Only registered declarations count (see
    docs/decisions/0003-public-register.md)."""
    filings: Iterable[Any] = (
        signatory_declarations(organisation=organisation) if declarations is None else declarations
    )
    for filing in filings:
        for version in filing.public_versions:
            snapshot = public_snapshot(version.snapshot)
            for code, fields in sorted(declaration_chapters(snapshot).items()):
                if chapter and code != chapter:
                    continue
                yield ChapterState(
                    organisation=filing.organisation.legal_name,
                    organisation_slug=filing.organisation.slug,
                    country=str(filing.organisation.country),
                    registration_number=filing.registration_number,
                    filing_id=str(filing.pk),
                    version=version.number,
                    chapter=code,
                    status=str(fields.get("status") or ""),
                    status_date=str(fields.get("status_date") or ""),
                    public_statement_url=str(fields.get("public_statement_url") or ""),
                    models_covered=tuple(fields.get("models_covered") or ()),
                    registered_on=version.decided_at,
                    current=version.number == filing.registered_version_number,
                )
