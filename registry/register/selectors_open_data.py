"""Rows and columns of the open-data files (Art 71(4): machine-readable). The register's rows are
the entries of /register/ with every public field of their registered version, flattened: the
index columns, then one column per Annex VIII field, named as in `registry.rules` (a field of
Sections A and B, such as `provider_name`, is one column) except the personal ones, which the
public part never holds (public_part.PERSONAL_FIELDS). A field is filled exactly when
`public_snapshot()` shows it; the columns are documented on /open-data/."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import JSONField, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from registry import rules
from registry.register.models import FilingVersion
from registry.register.public_part import PERSONAL_FIELDS
from registry.register.selectors import public_snapshot
from registry.register.selectors_public import (
    RegisterFilters,
    is_listing_only,
    public_register_search,
    public_risk_tier,
    signatory_states,
)

REGISTER_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("registration_number", _("EU-AI-YYYY-NNNNNN, unique and never reused")),
    ("entry_url", _("the registration's page in this register")),
    (
        "kind",
        _(
            "filing kind: annex_viii_a, annex_viii_b, annex_viii_c, gpai_art52_notification "
            "for a model on the list of general-purpose AI models with systemic risk "
            "(Art 52(6); nothing else of the notification is public), or gpai_training_summary "
            "for the public summary of a model's training content (Art 53(1)(d); read it whole "
            "at entry_url)"
        ),
    ),
    ("subject_name", _("trade name of the AI system or name of the model")),
    ("organisation", _("legal name of the organisation that registered")),
    ("organisation_country", _("ISO 3166-1 alpha-2 code of its establishment")),
    ("risk_tier", _("risk tier of the classification (high_risk, ...)")),
    ("annex_iii_area", _("Annex III point, e.g. 4(a)")),
    (
        "member_states",
        _("member states where the system is available (Annex VIII A10, B9), ';'-separated"),
    ),
    ("registered_version", _("number of the registered version")),
    ("latest_version", _("number of the newest version filed")),
    ("registered_at", _("date and time of the registration (UTC, ISO 8601)")),
    ("section", _("Annex VIII section of the registration: A, B or C")),
    (
        "organisation_type",
        _("type of the organisation when it filed (private_company, public_authority, ...)"),
    ),
    (
        "registered_version_submitted_at",
        _("when the registered version was filed (UTC, ISO 8601)"),
    ),
)


@dataclass(frozen=True)
class FieldColumn:
    """An Annex VIII field as a column, with the items that hold it (e.g. A1 and B1) as
    (code, English title) pairs; the open-data page shows the titles translated."""

    name: str
    items: tuple[tuple[str, str], ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(code for code, _title in self.items)


def _field_columns() -> tuple[FieldColumn, ...]:
    by_name: dict[str, list[rules.AnnexVIIIItem]] = {}
    for item in rules.ANNEX_VIII_ITEMS:
        for name in item.fields:
            by_name.setdefault(name, []).append(item)
    # member_states (A10, B9) is an index column; personal data never reaches the public part.
    left_out = {name for name, _meaning in REGISTER_COLUMNS} | PERSONAL_FIELDS
    return tuple(
        FieldColumn(name, tuple((item.code, item.title) for item in items))
        for name, items in by_name.items()
        if name not in left_out
    )


REGISTER_FIELD_COLUMNS = _field_columns()
REGISTER_COLUMN_NAMES = (
    *(name for name, _meaning in REGISTER_COLUMNS),
    *(column.name for column in REGISTER_FIELD_COLUMNS),
)

SIGNATORY_COLUMNS: tuple[tuple[str, Any], ...] = (
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
    (
        "crawlers",
        _("copyright chapter signed: the crawlers named by the copyright policy, ';'-separated"),
    ),
    (
        "complaint_contact",
        _("copyright chapter signed: the policy's point of contact for complaints"),
    ),
    (
        "alternative_means",
        _("chapter not signed: how compliance is shown by other means (Art 53(4), 55(2))"),
    ),
)
SIGNATORY_COLUMN_NAMES = tuple(name for name, _meaning in SIGNATORY_COLUMNS)


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def _registered(path: str) -> Subquery:
    """One part of the registered version's snapshot, read in the filings' query: a file of any
    length is one query, and no snapshot is loaded whole (risk summaries, evidence)."""
    version = FilingVersion.objects.filter(
        filing=OuterRef("pk"), number=OuterRef("registered_version_number")
    )
    return Subquery(version.values(f"snapshot__{path}")[:1], output_field=JSONField())


def register_rows(base_url: str) -> Iterator[dict[str, object]]:
    """The open-data rows of the register: the entries of /register/, each with the public part
    of its registered version (Art 71(4)-(5)); of an Art 52(6) listing, the listing only."""
    queryset = (
        public_register_search(RegisterFilters())
        .order_by("registration_number")
        .annotate(
            registered_registration=_registered("registration"),
            registered_organisation_type=_registered("organisation__organisation_type"),
            registered_submitted_at=_registered("filing__submitted_at"),
        )
    )
    for filing in queryset.iterator(chunk_size=500):
        public: dict[str, Any] = {"registration": {}, "organisation": {}, "filing": {}}
        if not is_listing_only(filing):
            public = public_snapshot(
                {
                    "kind": filing.kind,
                    "registration": filing.registered_registration,
                    "organisation": {
                        "organisation_type": filing.registered_organisation_type,
                    },
                    "filing": {"submitted_at": filing.registered_submitted_at},
                }
            )
        fields = {
            name: value
            for item in public["registration"].get("items") or []
            for name, value in (item.get("fields") or {}).items()
        }
        row: dict[str, object] = {
            "registration_number": filing.registration_number,
            "entry_url": f"{base_url}/register/{filing.pk}/",
            "kind": filing.kind,
            "subject_name": filing.subject_name,
            "organisation": filing.organisation.legal_name,
            "organisation_country": str(filing.organisation.country),
            "risk_tier": public_risk_tier(filing),
            "annex_iii_area": filing.annex_iii_area,
            "member_states": list(filing.member_states),
            "registered_version": filing.registered_version_number,
            "latest_version": filing.latest_version_number,
            "registered_at": _iso(filing.registered_at),
            "section": public["registration"].get("section") or "",
            "organisation_type": public["organisation"].get("organisation_type") or "",
            "registered_version_submitted_at": public["filing"].get("submitted_at") or "",
        }
        row.update({column.name: fields.get(column.name) for column in REGISTER_FIELD_COLUMNS})
        yield row


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
            "crawlers": list((state.copyright_policy or {}).get("crawler_user_agents") or []),
            "complaint_contact": (state.copyright_policy or {}).get("point_of_contact") or "",
            "alternative_means": state.alternative_means,
        }
