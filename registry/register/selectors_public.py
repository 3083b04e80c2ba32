"""Reads of the public register (Art 71): search, registration pages, the Code of Practice
signatory register and the open-data rows. Everything starts from `public_filings()` and shows
only `public_snapshot()` of a version, so the Art 49(4) secure section and the non-public parts of
a filing (risk and QMS summaries, evidence, the person who filed) cannot leak from here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from registry.register.models import Filing, FilingKind, FilingStatus, FilingVersion
from registry.register.selectors import public_filings, public_snapshot
from registry.register.selectors_console import declaration_chapters

# Versions whose PDF the public may download: those a regulator registered (Art 71(4)).
PUBLIC_PDF_STATUSES = (FilingStatus.REGISTERED, FilingStatus.SUPERSEDED)
REGISTER_KINDS = tuple(k for k in FilingKind.values if k != FilingKind.COP_SIGNATORY_DECLARATION)


@dataclass(frozen=True)
class RegisterFilters:
    q: str = ""
    member_state: str = ""
    annex_iii_area: str = ""
    risk_tier: str = ""
    organisation: str = ""  # slug


def public_register_search(filters: RegisterFilters) -> QuerySet[Filing]:
    """Registered, public registrations matching the filters, newest registration first."""
    queryset = public_filings().filter(kind__in=REGISTER_KINDS)
    if filters.q.strip():
        text = filters.q.strip()
        queryset = queryset.filter(
            Q(subject_name__icontains=text)
            | Q(organisation__legal_name__icontains=text)
            | Q(registration_number__iexact=text)
        )
    if filters.member_state:
        queryset = queryset.filter(member_states__contains=[filters.member_state])
    if filters.annex_iii_area:
        queryset = queryset.filter(annex_iii_area=filters.annex_iii_area)
    if filters.risk_tier:
        queryset = queryset.filter(risk_tier=filters.risk_tier)
    if filters.organisation:
        queryset = queryset.filter(organisation__slug=filters.organisation)
    return queryset.order_by("-registered_at", "pk")


def public_register_organisations() -> list[tuple[str, str]]:
    return list(
        public_filings()
        .order_by("organisation__legal_name")
        .values_list("organisation__slug", "organisation__legal_name")
        .distinct()
    )


def public_filing(filing_id: object) -> Filing | None:
    try:
        return public_filings().filter(pk=filing_id).first()
    except (ValueError, TypeError):
        return None


def public_versions(filing: Filing) -> list[FilingVersion]:
    """Every version of a public filing, with its public copy: the full history with dates."""
    return list(filing.versions.order_by("number").select_related("public_rendition"))


def public_version(filing: Filing, number: int) -> FilingVersion | None:
    return filing.versions.filter(number=number).select_related("public_rendition").first()


def public_pdf_allowed(version: FilingVersion) -> bool:
    return version.status in PUBLIC_PDF_STATUSES and not version.filing.restricted


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


def signatory_states(*, organisation: str = "", chapter: str = "") -> Iterator[ChapterState]:
    """Per organisation and chapter, every registered declaration (newest version first): the
    history of who signed which chapter when. Only registered declarations count (see
    docs/decisions/0003-public-register.md). Two queries, whatever the number of rows."""
    declarations = (
        public_filings()
        .filter(kind=FilingKind.COP_SIGNATORY_DECLARATION)
        .order_by("organisation__legal_name", "pk")
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
    for filing in declarations:
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


# --- open data ----------------------------------------------------------------------------------

REGISTER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("registration_number", _("EU-AI-YYYY-NNNNNN, unique and never reused")),
    ("entry_url", _("the registration's page in this register")),
    ("kind", _("filing kind (annex_viii_a, annex_viii_b, annex_viii_c, gpai_...)")),
    ("subject_name", _("trade name of the AI system or name of the model")),
    ("organisation", _("legal name of the organisation that registered")),
    ("organisation_country", _("ISO 3166-1 alpha-2 code of its establishment")),
    ("risk_tier", _("risk tier of the classification (high_risk, ...)")),
    ("annex_iii_area", _("Annex III point, e.g. 4(a)")),
    ("member_states", _("member states where the system is available, ';'-separated")),
    ("registered_version", _("number of the registered version")),
    ("latest_version", _("number of the newest version filed")),
    ("registered_at", _("date and time of the registration (UTC, ISO 8601)")),
)
SIGNATORY_COLUMNS: tuple[tuple[str, str], ...] = (
    ("organisation", _("legal name of the signatory organisation")),
    ("organisation_country", _("ISO 3166-1 alpha-2 code of its establishment")),
    ("registration_number", _("registration number of the declaration")),
    ("version", _("version of the declaration")),
    ("current", _("true for the declaration in force, false for history")),
    ("chapter", _("transparency, copyright or safety_security")),
    ("status", _("signed, declined, withdrawn or not_signed")),
    ("status_date", _("date of the status (ISO 8601)")),
    ("public_statement_url", _("the organisation's public statement")),
    ("models_covered", _("models covered, ';'-separated")),
    ("registered_at", _("when the AI Office registered this version (UTC, ISO 8601)")),
)


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def register_rows(base_url: str) -> Iterator[dict[str, object]]:
    """The open-data rows of the register: the same filings and fields as /register/."""
    queryset = public_register_search(RegisterFilters()).order_by("registration_number")
    for filing in queryset.iterator(chunk_size=500):
        yield {
            "registration_number": filing.registration_number,
            "entry_url": f"{base_url}/register/{filing.pk}/",
            "kind": filing.kind,
            "subject_name": filing.subject_name,
            "organisation": filing.organisation.legal_name,
            "organisation_country": str(filing.organisation.country),
            "risk_tier": filing.risk_tier,
            "annex_iii_area": filing.annex_iii_area,
            "member_states": list(filing.member_states),
            "registered_version": filing.registered_version_number,
            "latest_version": filing.latest_version_number,
            "registered_at": _iso(filing.registered_at),
        }


def signatory_rows() -> Iterator[dict[str, object]]:
    for state in signatory_states():
        yield {
            "organisation": state.organisation,
            "organisation_country": state.country,
            "registration_number": state.registration_number,
            "version": state.version,
            "current": state.current,
            "chapter": state.chapter,
            "status": state.status,
            "status_date": state.status_date,
            "public_statement_url": state.public_statement_url,
            "models_covered": list(state.models_covered),
            "registered_at": _iso(state.registered_on),
        }
