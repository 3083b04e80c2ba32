"""Size: a fifty-page filing renders and verifies. Speed is measured by bench/pdf_render.py,
not asserted here (timed assertions flake on shared machines)."""

from __future__ import annotations

from registry.filings.pdf import render_filing_pdf
from registry.filings.verify import verify_filing_pdf

from .helpers import canonical, page_texts


def test_a_fifty_page_filing_renders_and_verifies() -> None:
    # Risk levels print as their labels ("Medium (acceptable with information to deployers ...)"),
    # so fewer rows than the codes needed fill fifty pages.
    encoded = canonical(risk_rows=420, evidence_rows=60)
    rendered = render_filing_pdf(encoded)

    assert 45 <= rendered.page_count <= 65
    texts = page_texts(rendered.content)
    assert len(texts) == rendered.page_count
    total = rendered.page_count
    assert f"Page {total} of {total}" in texts[-1]
    assert rendered.snapshot_sha256 in texts[total // 2]
    assert "R420 " in " ".join(texts)  # the last risk row made it
    result = verify_filing_pdf(rendered.content, expected_sha256=rendered.snapshot_sha256)
    assert result.ok, result.problems
