"""From canonical snapshot bytes to what the filing template shows.

``load_snapshot`` checks that the bytes are a canonical snapshot of a known schema version (the
PDF embeds them and prints their hash, so they must be exactly what the register hashed).
``filing_context`` turns the snapshot into plain strings, lists and booleans: the template only
places and escapes them, and never formats a number or a date itself (Django's formatting would
need settings, and the renderer runs without them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.conf import settings

from portal.formatting import byte_count, file_size
from registry import labels
from registry.rules.annex_viii import ANNEX_VIII_ITEMS
from registry.workspace.explanations import obligation_titles

from .canonical import (
    PUBLIC_PART,
    SNAPSHOT_KINDS,
    SNAPSHOT_SCHEMA_VERSION,
    CanonicalJSONError,
    canonical_json,
)

KIND_LABELS: dict[str, tuple[str, str]] = {
    "annex_viii_a": ("Registration of a high-risk AI system", "Art 49(1), Annex VIII Section A"),
    "annex_viii_b": (
        "Registration of an Annex III AI system assessed as not high-risk",
        "Art 49(2), Art 6(3), Annex VIII Section B",
    ),
    "annex_viii_c": (
        "Registration of the use of a high-risk AI system by a public-authority deployer",
        "Art 49(3), Annex VIII Section C",
    ),
    "gpai_art52_notification": (
        "Notification of a general-purpose AI model with systemic risk",
        "Art 52(1)",
    ),
    "gpai_model_documentation": (
        "Documentation of a general-purpose AI model",
        "Art 53(1)(a)-(b), Annex XI, Annex XII",
    ),
    "gpai_training_summary": (
        "Public summary of the training content of a general-purpose AI model",
        "Art 53(1)(d)",
    ),
    "cop_signatory_declaration": (
        "General-Purpose AI Code of Practice signatory declaration",
        "Art 56",
    ),
}

_REQUIRED: dict[str, tuple[str, ...]] = {
    "": (
        "schema_version",
        "kind",
        "filing",
        "organisation",
        "subject",
        "registration",
        "classification",
        "risk_summary",
        "qms_summary",
        "evidence",
    ),
    "filing": ("reference", "registration_number", "version", "submitted_at", "restricted"),
    "registration": ("section", "items"),
}
# The public part of a version (canonical.PUBLIC_PART): what the public register publishes.
_REQUIRED_PUBLIC: dict[str, tuple[str, ...]] = {
    "": (
        "schema_version",
        "part",
        "kind",
        "filing",
        "organisation",
        "subject",
        "risk_tier",
        "registration",
    ),
    "filing": _REQUIRED["filing"],
    "registration": _REQUIRED["registration"],
}

# Words that a plain capitalisation would get wrong in field labels.
_LABEL_WORDS = {
    "eu": "EU",
    "url": "URL",
    "fria": "FRIA",
    "dpia": "DPIA",
    "vat": "VAT",
    "lei": "LEI",
    "euid": "EUID",
    "id": "ID",
    "flops": "FLOPs",
    "mwh": "MWh",
    "sha256": "SHA-256",
}
# Canonical JSON sorts object keys, so the snapshot cannot carry a display order for its
# objects; these give it back (unknown keys follow, sorted).
ORGANISATION_ORDER = (
    "legal_name",
    "organisation_type",
    "country",
    "address",
    "vat_number",
    "euid",
    "lei",
    "contact_name",
    "contact_email",
)
# Keys of the snapshot that name nothing a reader needs: the organisation's host name.
HIDDEN_KEYS = frozenset({"slug"})
SUBJECT_ORDER = ("name", "type", "id")
# Annex VIII items list their fields in the order of the Annex text (name, address, contact).
ANNEX_FIELD_ORDER: dict[str, tuple[str, ...]] = {
    item.code: item.fields for item in ANNEX_VIII_ITEMS
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
# Without Django settings (the standalone renderer): not strftime's %B, which follows the
# process locale; the PDF must not depend on it.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


class SnapshotError(ValueError):
    """Bytes that are not a canonical filing snapshot of a schema version we can render."""


def load_snapshot(canonical: bytes) -> dict[str, Any]:
    try:
        snapshot = json.loads(
            canonical.decode("utf-8"),
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_refuse_constant,
        )
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SnapshotError(f"Not UTF-8 JSON: {exc}") from None
    if not isinstance(snapshot, dict):
        raise SnapshotError("A snapshot is a JSON object")
    try:
        canonical_again = canonical_json(snapshot)
    except CanonicalJSONError as exc:
        raise SnapshotError(str(exc)) from None
    if canonical_again != canonical:
        # The PDF prints the hash of these bytes; it must be the hash the register computed.
        raise SnapshotError("The bytes are JSON but not canonical JSON; use canonical_json()")
    if "part" in snapshot and snapshot["part"] != PUBLIC_PART:
        raise SnapshotError(f"Unknown snapshot part {snapshot['part']!r}")
    required = _REQUIRED_PUBLIC if is_public_part(snapshot) else _REQUIRED
    for where, keys in required.items():
        part = snapshot.get(where) if where else snapshot
        missing = [key for key in keys if not isinstance(part, dict) or key not in part]
        if missing:
            raise SnapshotError(f"Snapshot {where or 'root'} lacks {', '.join(missing)}")
    if snapshot["schema_version"] != SNAPSHOT_SCHEMA_VERSION:
        raise SnapshotError(
            f"Snapshot schema version {snapshot['schema_version']!r} is not "
            f"{SNAPSHOT_SCHEMA_VERSION!r}"
        )
    if snapshot["kind"] not in SNAPSHOT_KINDS:
        raise SnapshotError(f"Unknown snapshot kind {snapshot['kind']!r}")
    return snapshot


def is_public_part(snapshot: Mapping[str, Any]) -> bool:
    """Whether a snapshot is the public part of a version rather than the complete filing."""
    return snapshot.get("part") == PUBLIC_PART


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise SnapshotError("Duplicate keys in a JSON object")
    return result


def _refuse_constant(name: str) -> Any:
    raise SnapshotError(f"{name} is not allowed in a snapshot")


def filing_context(snapshot: Mapping[str, Any], *, sha256: str) -> dict[str, Any]:
    public = is_public_part(snapshot)
    context = _header_context(snapshot, sha256=sha256, public=public)
    if public:
        # The public part has no reasoning, summaries or evidence: the template leaves their
        # sections out rather than showing them empty.
        return context | {"classification": None, "risks": [], "qms": [], "evidence": []}
    classification = snapshot["classification"]
    return context | {
        "classification": _classification(classification) if classification else None,
        "risks": [
            {"number": str(number), **{key: _risk_value(key, row.get(key)) for key in _RISK_KEYS}}
            for number, row in enumerate(snapshot["risk_summary"], start=1)
        ],
        "qms": [
            {key: display(row.get(key)) for key in ("aspect", "title", "document_version")}
            | {"approved_at": display(row.get("approved_at"))}
            for row in snapshot["qms_summary"]
        ],
        "evidence": [
            {
                "number": str(number),
                "name": display(row.get("name")),
                "sha256": text(row.get("sha256")),
                "size": _size(row.get("size")),
                "content_type": display(row.get("content_type")),
            }
            for number, row in enumerate(snapshot["evidence"], start=1)
        ],
    }


_RISK_KEYS = ("hazard", "likelihood", "severity", "residual_risk", "status", "mitigation")


def _risk_value(key: str, value: Any) -> str:
    """A risk row's value; its coded columns (registry.labels.RISK_RECORD_CODES) as the
    labels of the risk register's choices."""
    if key not in labels.RISK_RECORD_CODES or not isinstance(value, str):
        return display(value)
    from registry.workspace import choices

    table = {
        "likelihood": choices.Likelihood,
        "severity": choices.Severity,
        "residual_risk": choices.ResidualRisk,
        "status": choices.RiskStatus,
    }[key]
    return str(labels.coded(dict(table.choices), value))


def _header_context(snapshot: Mapping[str, Any], *, sha256: str, public: bool) -> dict[str, Any]:
    """What the complete filing and its public part both show: the header, the organisation,
    the subject and the registration items."""
    filing = snapshot["filing"]
    kind_label, kind_citation = KIND_LABELS[snapshot["kind"]]
    section = snapshot["registration"]["section"]
    filing_rows = {
        "reference": filing["reference"],
        "previous_version_sha256": filing.get("previous_version_sha256") or "none (first version)",
        "snapshot_schema_version": snapshot["schema_version"],
    }
    subject = dict(snapshot["subject"] or {})
    if "type" in subject:
        subject["type"] = labels.coded(labels.SUBJECT_TYPE, subject["type"])
    if public:
        subject["risk_tier"] = snapshot.get("risk_tier")
    else:
        filing_rows = {"submitted_by": filing.get("submitted_by"), **filing_rows}
        declaration = filing.get("declaration") or {}
        if declaration:
            filing_rows["declaration"] = (
                f"{declaration.get('statement', '')} Confirmed by "
                f"{declaration.get('confirmed_by', '')} on "
                f"{display(declaration.get('confirmed_at', ''))}."
            )
    return {
        "public": public,
        "kind_label": kind_label,
        "kind_citation": kind_citation,
        "registration_number": text(filing["registration_number"]),
        "version": text(filing["version"]),
        "submitted_at": display(filing["submitted_at"]),
        "restricted": filing["restricted"] is True,
        "sha256": sha256,
        "filing_rows": _rows(filing_rows, tuple(filing_rows)),
        "organisation_rows": _rows(snapshot["organisation"] or {}, ORGANISATION_ORDER),
        "subject_rows": _rows(subject, SUBJECT_ORDER),
        "items_heading": (
            f"Annex VIII Section {section} items" if section else "Items of the filing"
        ),
        "items": [_item(item, annex=bool(section)) for item in snapshot["registration"]["items"]],
    }


def _item(item: Mapping[str, Any], *, annex: bool) -> dict[str, Any]:
    fields = item.get("fields") or {}
    order = ANNEX_FIELD_ORDER.get(str(item.get("code")), ()) if annex else ()
    rows = _rows(fields, order)
    return {
        "code": text(item.get("code")),
        "title": text(item.get("title")),
        "citation": text(item.get("citation")),
        "withheld": item.get("withheld_from_public") is True,
        "fields": rows,
        "empty": not any(row["value"] for row in rows),
    }


def _classification(data: Mapping[str, Any]) -> dict[str, Any]:
    summary_keys = (
        "risk_tier",
        "transparency_triggers",
        "must_register_eu_database",
        "registration_section",
        "registration_visibility",
        "compliance_deadline",
        "calendar",
        "ruleset_version",
    )
    return {
        "rows": [
            row | {"label": labels.text(labels.CLASSIFICATION_FIELD.get(row["key"], row["label"]))}
            for row in _rows({key: data.get(key) for key in summary_keys if key in data})
        ],
        # Issue 12: each reference with its one-line title (registry.rules.titles).
        "obligations": [text(reference) for reference in data.get("obligations") or []],
        "obligation_titles": {
            text(reference): text(title)
            for reference, title in obligation_titles(
                text(reference) for reference in data.get("obligations") or []
            ).items()
        },
        "explanation": [
            {
                "number": str(number),
                "step": str(labels.coded(labels.EXPLANATION_STEP, text(step.get("step")))),
                "citation": text(step.get("citation")),
                "text": _sentence(text(step.get("text"))),
            }
            for number, step in enumerate(data.get("explanation") or [], start=1)
        ],
    }


_ISO_DATE_IN_TEXT = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _sentence(value: str) -> str:
    """A filed English sentence of the rules engine as a reader reads it: a calendar by its
    name, not its code; dates in the English format (the sentence stays English everywhere)."""
    with labels.in_english():
        value = _ISO_DATE_IN_TEXT.sub(lambda match: _readable_date(match.group(0)), value)
        for code, name in labels.LEGAL_CALENDAR.items():
            value = value.replace(code, labels.text(name))
    return value


def _rows(fields: Mapping[str, Any], order: tuple[str, ...] = ()) -> list[dict[str, str]]:
    keys = [key for key in order if key in fields] + sorted(
        key for key in fields if key not in order and key not in HIDDEN_KEYS
    )
    # "tag": the risk tier's code, which the template shows as the portal's status tag.
    return [
        {
            "key": key,
            "label": label(key),
            "value": _value(key, fields[key]),
            "tag": fields[key] if key == "risk_tier" and isinstance(fields[key], str) else "",
        }
        for key in keys
    ]


def _value(key: str, value: Any) -> str:
    """A field's value for a reader: its codes (``on_market``, ``high_risk``, ``DE``) as their
    labels from registry.labels, in the active language (English in the PDF)."""
    return display(labels.field_value(key, value))


def label(key: str) -> str:
    """``art6_3_grounds_summary`` -> ``Art 6(3) grounds summary``."""
    key = key.replace("art6_3", "Art 6(3)")
    words = [_LABEL_WORDS.get(word, word) for word in key.split("_") if word]
    if words and words[0].islower():
        words[0] = words[0].capitalize()
    return " ".join(words)


def text(value: Any) -> str:
    """A scalar as it is written in the snapshot (identifiers, citations, hashes)."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def display(value: Any) -> str:
    """A snapshot value for a reader: dates spelt out, lists joined, nothing lost.

    Returns "" for "not given" (None, empty string, empty list); the template shows a dash.
    """
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return labels.text(labels.YES_NO[value])
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        if _DATE.match(value):
            return _readable_date(value)
        if _DATETIME.match(value):
            return _readable_datetime(value)
        return value
    if isinstance(value, list):
        parts = [display(item) for item in value]
        # Short scalars (Member States, conditions) read best on one line.
        if all(not isinstance(item, dict | list) for item in value) and sum(map(len, parts)) < 80:
            return ", ".join(parts)
        return "\n".join(f"• {part}" for part in parts)
    if isinstance(value, dict):
        if {"filename", "sha256"} <= value.keys():
            # A cited evidence file (Annex VIII A9, A11, A12): its name and the hash that binds
            # it to the evidence list, not the workspace's internal ids.
            return f"{value['filename']} (SHA-256 {value['sha256']})"
        return "\n".join(f"{label(key)}: {display(item)}" for key, item in value.items())
    return str(value)


def _float(value: float) -> str:
    if value != 0 and not 1e-4 <= abs(value) < 1e9:
        mantissa, exponent = f"{value:.6e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    return repr(value)


def _readable_date(value: str) -> str:
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return value
    return _date(parsed)


def _readable_datetime(value: str) -> str:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return f"{_date(parsed.date())}, {parsed:%H:%M:%S} UTC"


def _date(value: date) -> str:
    """The language's one date format (portal/formats): "2 December 2026" in the PDF."""
    if settings.configured:
        from django.utils.formats import date_format

        return str(date_format(value, "DATE_FORMAT"))
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _size(value: Any) -> str:
    if not isinstance(value, int) or isinstance(value, bool):
        return display(value)
    if value < 1000:
        return byte_count(value)
    return f"{file_size(value)} ({byte_count(value)})"
