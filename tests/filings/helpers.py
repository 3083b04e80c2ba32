"""Shared helpers for the filing PDF tests (no database)."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader, PdfWriter

from registry.filings.canonical import canonical_json
from registry.filings.samples import sample_snapshot


def canonical(**overrides: Any) -> bytes:
    return canonical_json(sample_snapshot(**overrides))


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(pdf).pages]


def flat_text(pdf: bytes) -> str:
    """All page text with every run of whitespace made one space (lines wrap where they like)."""
    return re.sub(r"\s+", " ", " ".join(page_texts(pdf)))


def compact(text: str) -> str:
    """``text`` without whitespace: for values a table cell may wrap anywhere (hashes)."""
    return re.sub(r"\s+", "", text)


def rewrite_attachment(pdf: bytes, content: bytes) -> bytes:
    """The PDF with its filing.json replaced, everything else (keywords, pages) unchanged."""
    writer = PdfWriter(clone_from=reader(pdf))
    for entry in writer.attachment_list:
        if entry.name == "filing.json":
            entry.content = content
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
