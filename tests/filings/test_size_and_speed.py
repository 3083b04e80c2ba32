"""Size and speed: a fifty-page filing renders and verifies; a typical one renders quickly."""

from __future__ import annotations

from registry.filings.pdf import render_filing_pdf
from registry.filings.verify import verify_filing_pdf

from .helpers import canonical, page_texts


def test_a_fifty_page_filing_renders_and_verifies() -> None:
    encoded = canonical(risk_rows=620, evidence_rows=60)
    rendered = render_filing_pdf(encoded)

    assert 45 <= rendered.page_count <= 65
    texts = page_texts(rendered.content)
    assert len(texts) == rendered.page_count
    total = rendered.page_count
    assert f"Page {total} of {total}" in texts[-1]
    assert rendered.snapshot_sha256 in texts[total // 2]
    assert "R620 " in " ".join(texts)  # the last risk row made it
    result = verify_filing_pdf(rendered.content, expected_sha256=rendered.snapshot_sha256)
    assert result.ok, result.problems


def test_a_typical_filing_renders_well_under_a_second(typical_canonical: bytes) -> None:
    # A loose guard (target 0.5 s, see bench/pdf_render.py): automatic table layout once made
    # this 1.7 s; shared CI machines are noisy, so only a gross regression fails here.
    import statistics
    import time

    timings = []
    for _ in range(3):
        started = time.perf_counter()
        render_filing_pdf(typical_canonical)
        timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 1.5, timings
