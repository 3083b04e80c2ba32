"""Filings as evidence: canonical JSON snapshots and their verifiable PDF/A-3b rendering.

Public API (import from the submodules; this package imports nothing, so that the register can
use ``canonical`` without loading WeasyPrint):

- ``canonical.canonical_json(data) -> bytes``, ``canonical.sha256_hex(data) -> str``,
  ``canonical.SNAPSHOT_SCHEMA_VERSION``, ``canonical.SNAPSHOT_KINDS``; the snapshot structure is
  documented in ``canonical``'s docstring.
- ``pdf.render_filing_pdf(canonical: bytes) -> RenderedPdf`` (content, sha256, page_count,
  snapshot_sha256); ``pdf.render_filing_html(canonical) -> str`` for previews.
- ``verify.verify_filing_pdf(pdf_bytes, *, expected_sha256=None) -> Verification``.
- ``fetcher.StaticOnlyFetcher``: the only URL fetcher WeasyPrint gets.
- ``samples.sample_snapshot(**overrides) -> dict`` for tests, benchmarks and demo data.
"""
