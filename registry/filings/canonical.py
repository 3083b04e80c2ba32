"""Canonical JSON of a filing snapshot: the bytes that are hashed, embedded and stored.

A submitted filing is frozen as one JSON document (the *snapshot*). Its canonical bytes are what
the register hashes (SHA-256, the filing's identity), what the PDF embeds as ``filing.json`` and
what a third party re-hashes to verify a PDF. The same data must therefore always give the same
bytes, on any machine and any Python version we run:

- UTF-8, object keys sorted (by code point), no insignificant whitespace, non-ASCII kept as is
  (``ensure_ascii=False``), ``/`` not escaped.
- Only ``str`` keys (``json`` would turn ``1`` into ``"1"`` and let two keys collide).
- ``datetime`` must be timezone-aware and is written in UTC as ``2026-03-12T14:05:00Z`` (with
  ``.ffffff`` only when there are microseconds); a naive datetime is refused because its instant
  is unknown. ``date`` -> ``2026-03-12``; ``time`` -> ``isoformat()``.
- ``Decimal`` -> its exact string (``str(d)``, a JSON *string*, so no reader rounds it through a
  binary float); ``UUID`` -> lowercase hyphenated string; ``StrEnum`` -> its value;
  tuples -> arrays.
- ``float``: finite only (NaN and Infinity are refused), written by Python's shortest round-trip
  ``repr`` (stable since 3.1); ``-0.0`` is written as ``0.0`` because it equals ``0.0``.
- Sets, bytes and any other type are refused: a set has no order, and bytes belong in the
  evidence store with their hash in the snapshot.

Snapshot structure (schema version "1"; the contract with the register, which builds it):

    {"schema_version": "1",
     "kind": "annex_viii_a" | "annex_viii_b" | "annex_viii_c" | "gpai_art52_notification"
             | "gpai_model_documentation" | "gpai_training_summary"
             | "cop_signatory_declaration",
     "filing": {"reference": "<uuid>", "registration_number": "EU-AI-2026-000042",
                "version": 1, "previous_version_sha256": null | "<hex>",
                "submitted_at": "<ISO 8601 UTC>", "submitted_by": "<name <email>>",
                "restricted": false},
     "organisation": {"legal_name", "slug", "country", "organisation_type", "vat_number",
                      "euid", "lei", "address", "contact_name", "contact_email"},
     "subject": {"type": "ai_system" | "gpai_model", "id": "...", "name": "..."},
     "registration": {
         "section": "A" | "B" | "C" | null,
         # Annex VIII kinds: the section's items in Annex VIII order (registry.rules.annex_viii).
         # Other kinds: the kind's own items, in display order, with their own codes/citations.
         "items": [{"code": "A1", "title": "...", "citation": "Annex VIII Section A point 1",
                    "fields": {"provider_name": "...", ...},  # values: str, number, bool,
                                                               # null, list or object
                    "withheld_from_public": false}, ...]},   # Art 49(4) items
     "classification": <classification contract JSON (classification-contract.md)> | null,
     "risk_summary": [{"hazard", "likelihood", "severity", "residual_risk", "status",
                       "mitigation"}],
     "qms_summary": [{"aspect": "a".."m", "title", "document_version", "approved_at"}],
     "evidence": [{"name", "sha256", "size", "content_type"}],
     "notes": "<the organisation's notes for the reviewer>"}   # workspace filings; not printed

Dates inside the snapshot are ISO strings (the register converts them with this module).
``restricted`` marks an Art 49(4) filing (secure non-public section of the EU database).

The public part of a registered version (what the public register publishes, Art 71(4)-(5); the
register's ``public_snapshot()`` builds it) is a document of its own, hashed and rendered the same
way, and says so with ``"part": "public"``:

    {"schema_version": "1", "part": "public", "kind": ...,
     "filing": {"reference", "registration_number", "version", "previous_version_sha256",
                "submitted_at", "restricted"},                 # no submitted_by
     "organisation": {"legal_name", "slug", "country", "organisation_type"},
     "subject": {...}, "risk_tier": "high_risk" | ... | null,
     "registration": {"section": ..., "items": [...]}}          # without personal data

It has no classification reasoning, risk or QMS summary, evidence list or notes.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

SNAPSHOT_SCHEMA_VERSION = "1"
# The value of "part" in the public part of a version; a complete snapshot has no "part".
PUBLIC_PART = "public"

SNAPSHOT_KINDS: tuple[str, ...] = (
    "annex_viii_a",
    "annex_viii_b",
    "annex_viii_c",
    "gpai_art52_notification",
    "gpai_model_documentation",
    "gpai_training_summary",
    "cop_signatory_declaration",
)


class CanonicalJSONError(ValueError):
    """A value that has no canonical JSON form; the message names where it is (``$.a[2].b``)."""


def canonical_json(data: Any) -> bytes:
    """The canonical UTF-8 JSON bytes of ``data`` (rules in the module docstring)."""
    plain = _plain(data, "$")
    text = json.dumps(
        plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate such as "\ud800" has no UTF-8 form
        raise CanonicalJSONError(f"String is not valid Unicode: {exc.reason}") from None


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _plain(value: Any, path: str) -> Any:
    """``value`` as plain JSON types, converted deterministically, or ``CanonicalJSONError``."""
    # Order matters: bool is an int, StrEnum is a str, datetime is a date.
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Enum):
        return _plain(value.value, path)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise CanonicalJSONError(f"{path}: {value!r} is not allowed in canonical JSON")
        return 0.0 if value == 0 else value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise CanonicalJSONError(f"{path}: Decimal {value} is not allowed in canonical JSON")
        return str(value)
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise CanonicalJSONError(f"{path}: naive datetime {value.isoformat()}; give a timezone")
        return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalJSONError(f"{path}: key {key!r} is not a string")
            result[str(key)] = _plain(item, f"{path}.{key}")
        return result
    if isinstance(value, list | tuple):
        return [_plain(item, f"{path}[{index}]") for index, item in enumerate(value)]
    raise CanonicalJSONError(
        f"{path}: {type(value).__name__} has no canonical JSON form"
        + (" (unordered; pass a sorted list)" if isinstance(value, set | frozenset) else "")
    )
