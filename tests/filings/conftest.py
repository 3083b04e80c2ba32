"""Fixtures of the filing PDF tests: a typical filing rendered once per session."""

from __future__ import annotations

import pytest

from registry.filings.pdf import RenderedPdf, render_filing_pdf

from .helpers import canonical


@pytest.fixture(scope="session")
def typical_canonical() -> bytes:
    return canonical()


@pytest.fixture(scope="session")
def typical_pdf(typical_canonical: bytes) -> RenderedPdf:
    return render_filing_pdf(typical_canonical)
