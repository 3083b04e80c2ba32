"""Render a filing's canonical snapshot as a verifiable PDF/A-3b.

The PDF shows the snapshot and carries it: the canonical bytes are embedded as the associated
file ``filing.json`` (AFRelationship /Source, the data the document was rendered from), and
their SHA-256 is printed on every page and written to the document keywords as
``filing-sha256:<hex>``. ``verify.verify_filing_pdf`` checks the three agree.

The public part of a registered version (``"part": "public"``, see ``canonical``) is rendered
the same way: its PDF, the public copy, shows and embeds that part only and carries its own hash.

Rendering is deterministic: with the same code, WeasyPrint and fonts, the same snapshot gives
the same PDF bytes (dates in the PDF come from ``submitted_at``, and WeasyPrint derives the file
identifier from the content), so a retried job lands on the same content address. After an
upgrade the bytes may differ; the embedded snapshot and its hash do not.

WeasyPrint loads nothing but our stylesheet, through ``fetcher.StaticOnlyFetcher``.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.template import Context, Engine
from weasyprint import HTML, Attachment
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError

from registry import labels

from .canonical import sha256_hex
from .fetcher import StaticOnlyFetcher, static_url
from .presentation import KIND_LABELS, filing_context, is_public_part, load_snapshot

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "filings/filing.html"
STYLESHEET = "filings/filing.css"
ATTACHMENT_NAME = "filing.json"
KEYWORD_PREFIX = "filing-sha256:"
PDF_VARIANT = "pdf/a-3b"


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    content: bytes
    sha256: str  # of the PDF bytes: the content address the PDF is stored under
    page_count: int
    snapshot_sha256: str  # of the embedded canonical JSON: the filing's identity


class FilingRenderError(RuntimeError):
    """The renderer refused or failed; the message says why (e.g. a refused fetch)."""


@cache
def _engine() -> Engine:
    # Django's template engine without settings: autoescape on, no context processors, no app
    # loaders; only our folder. Cached: it keeps the compiled template between renders.
    return Engine(dirs=[str(TEMPLATES_DIR)], autoescape=True, debug=False)


def render_filing_html(canonical: bytes) -> str:
    """The HTML the PDF is rendered from (useful for a preview and for tests)."""
    snapshot = load_snapshot(canonical)
    return _html(snapshot, sha256_hex(canonical))


def _html(snapshot: dict[str, Any], snapshot_sha256: str) -> str:
    # The filed PDF is written in English whoever renders it (a worker, a request, the
    # standalone renderer), so the same snapshot gives the same bytes.
    with labels.in_english():
        context = filing_context(snapshot, sha256=snapshot_sha256)
    context["stylesheet_url"] = static_url(STYLESHEET)
    return _engine().get_template(TEMPLATE_NAME).render(Context(context, autoescape=True))


def render_filing_pdf(canonical: bytes) -> RenderedPdf:
    """The PDF/A-3b of a filing from its canonical snapshot bytes (``canonical.canonical_json``).

    Raises ``presentation.SnapshotError`` when the bytes are not a canonical snapshot of a
    known schema version, and ``FilingRenderError`` when WeasyPrint refuses or fails.
    """
    snapshot = load_snapshot(canonical)
    snapshot_sha256 = sha256_hex(canonical)
    fetcher = StaticOnlyFetcher()
    filing = snapshot["filing"]
    submitted_at = _submitted_at(filing["submitted_at"])
    options: dict[str, Any] = {
        "pdf_variant": PDF_VARIANT,
        "attachments": [
            Attachment(
                string=canonical,
                name=ATTACHMENT_NAME,
                description=(f"Canonical JSON {_what(snapshot)}, SHA-256 {snapshot_sha256}"),
                # ISO 32000-2 7.11.3 / PDF/A-3: the data this document was rendered from.
                relationship="Source",
                created=submitted_at,
                modified=submitted_at,
                url_fetcher=fetcher,
            )
        ],
    }
    try:
        with _gc_paused():
            html = HTML(
                string=_html(snapshot, snapshot_sha256),
                # No base URL: a relative reference has nothing to resolve against and is dropped.
                base_url=None,
                url_fetcher=fetcher,
            )
            document = html.render(font_config=_font_config(), **options)
            _set_metadata(document.metadata, snapshot, snapshot_sha256)
            content = document.write_pdf(finisher=_dedupe_associated_files, **options)
    except FatalURLFetchingError as exc:
        cause = exc.__cause__ or exc
        raise FilingRenderError(f"Filing render refused a resource: {cause}") from exc
    return RenderedPdf(
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        page_count=len(document.pages),
        snapshot_sha256=snapshot_sha256,
    )


def _dedupe_associated_files(document: Any, pdf: Any) -> None:
    # WeasyPrint 70 lists each attachment twice in the catalog's /AF array (once from the
    # EmbeddedFiles name tree, once from the file specification itself). PDF/A-3 wants each
    # associated file once.
    associated = pdf.catalog.get("AF")
    if associated:
        unique = list(dict.fromkeys(associated))
        associated.clear()
        associated.extend(unique)


@contextmanager
def _gc_paused() -> Iterator[None]:
    # WeasyPrint builds tens of thousands of box objects that live for the whole render; the
    # cyclic collector keeps rescanning them for nothing. Pausing it made renders ~15-20% faster
    # (and less jittery) for a few MB more peak memory on a 50-page filing; whatever cycles the
    # render leaves are collected once it is back on. Process-wide, so restore, don't force.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cache
def _font_config() -> FontConfiguration:
    # One per process: it wraps fontconfig's system font set, which is costly to rebuild and
    # the same for every filing (we declare no @font-face).
    return FontConfiguration()


def _set_metadata(metadata: Any, snapshot: dict[str, Any], snapshot_sha256: str) -> None:
    filing = snapshot["filing"]
    kind_label, kind_citation = KIND_LABELS[snapshot["kind"]]
    number = str(filing["registration_number"])
    version = str(filing["version"])
    subject = (snapshot.get("subject") or {}).get("name") or ""
    organisation = (snapshot.get("organisation") or {}).get("legal_name") or ""
    metadata.title = f"{number} version {version}: {kind_label}" + (
        " (public copy)" if is_public_part(snapshot) else ""
    )
    metadata.authors = [organisation] if organisation else []
    metadata.description = f"{kind_label} ({kind_citation}): {subject}".rstrip(": ")
    metadata.keywords = [
        "EU AI Act",
        kind_citation.replace(",", ";"),  # keywords are comma-separated in the PDF
        number.replace(",", ";"),
        f"version {version}",
        f"{KEYWORD_PREFIX}{snapshot_sha256}",
    ]
    metadata.generator = "EU AI Act registration portal"
    # Whole seconds: the Info dictionary cannot hold a fraction, and PDF/A wants Info and XMP
    # dates to agree.
    submitted = _submitted_at(filing["submitted_at"]).astimezone(UTC)
    metadata.created = metadata.modified = submitted.strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata.lang = "en"


def _what(snapshot: dict[str, Any]) -> str:
    return "public part of a registered version" if is_public_part(snapshot) else "snapshot"


def _submitted_at(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        raise FilingRenderError(f"filing.submitted_at is not an ISO 8601 time: {value!r}") from None
