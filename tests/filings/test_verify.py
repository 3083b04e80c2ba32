"""verify_filing_pdf: what a third party runs on a filing PDF it was given."""

from __future__ import annotations

import json

from registry.filings.canonical import canonical_json, sha256_hex
from registry.filings.pdf import RenderedPdf, render_filing_pdf
from registry.filings.samples import sample_snapshot
from registry.filings.verify import verify_filing_pdf

from .helpers import rewrite_attachment


def test_a_fresh_pdf_verifies(typical_pdf: RenderedPdf, typical_canonical: bytes) -> None:
    result = verify_filing_pdf(typical_pdf.content, expected_sha256=sha256_hex(typical_canonical))
    assert result.problems == ()
    assert result.ok
    assert result.snapshot_sha256 == sha256_hex(typical_canonical)
    assert result.registration_number == "EU-AI-2026-000042"
    assert result.pdf_sha256 == typical_pdf.sha256


def test_the_expected_hash_may_be_given_in_capitals_with_spaces(typical_pdf: RenderedPdf) -> None:
    expected = f" {typical_pdf.snapshot_sha256.upper()}\n"
    assert verify_filing_pdf(typical_pdf.content, expected_sha256=expected).ok


def test_a_different_expected_hash_fails(typical_pdf: RenderedPdf) -> None:
    result = verify_filing_pdf(typical_pdf.content, expected_sha256="0" * 64)
    assert not result.ok
    assert result.problems == (
        f"The embedded filing hashes to {typical_pdf.snapshot_sha256}, not the expected "
        + "0" * 64,
    )
    assert result.snapshot_sha256 == typical_pdf.snapshot_sha256


def test_a_malformed_expected_hash_is_a_problem(typical_pdf: RenderedPdf) -> None:
    result = verify_filing_pdf(typical_pdf.content, expected_sha256="abc")
    assert not result.ok
    assert "not 64 hex digits" in result.problems[0]


def test_a_tampered_attachment_fails(typical_pdf: RenderedPdf, typical_canonical: bytes) -> None:
    snapshot = json.loads(typical_canonical)
    snapshot["registration"]["items"][6]["fields"]["status"] = "recalled"
    forged_json = canonical_json(snapshot)
    tampered = rewrite_attachment(typical_pdf.content, forged_json)

    result = verify_filing_pdf(tampered)
    assert not result.ok
    assert result.snapshot_sha256 == sha256_hex(forged_json)
    joined = " | ".join(result.problems)
    assert "Document keywords give filing SHA-256" in joined
    assert "XMP keywords give filing SHA-256" in joined
    assert "Page 1 does not show the filing SHA-256" in joined


def test_a_corrupted_attachment_fails_even_with_its_own_valid_json(
    typical_pdf: RenderedPdf, typical_canonical: bytes
) -> None:
    # One byte different, still JSON, still the same registration number.
    tampered = rewrite_attachment(
        typical_pdf.content, typical_canonical.replace(b"HireRank", b"HireRanK", 1)
    )
    result = verify_filing_pdf(tampered, expected_sha256=typical_pdf.snapshot_sha256)
    assert not result.ok
    assert any("not the expected" in problem for problem in result.problems)


def test_a_re_rendered_forgery_is_caught_only_by_the_expected_hash(
    typical_pdf: RenderedPdf,
) -> None:
    # A forger who renders a whole new, consistent PDF passes the internal checks; the hash
    # from the register (or the receipt) is the trust anchor.
    forged = render_filing_pdf(
        canonical_json(sample_snapshot(organisation={"legal_name": "Someone Else Ltd"}))
    )
    assert verify_filing_pdf(forged.content).ok
    against_register = verify_filing_pdf(
        forged.content, expected_sha256=typical_pdf.snapshot_sha256
    )
    assert not against_register.ok


def test_garbage_is_not_a_filing() -> None:
    result = verify_filing_pdf(b"%PDF-1.7\nthis is not really a pdf")
    assert not result.ok
    assert result.snapshot_sha256 is None
    assert result.problems[0].startswith("Not a readable PDF")


def test_a_pdf_without_the_attachment_is_not_a_filing() -> None:
    from weasyprint import HTML

    plain = HTML(string="<p>EU-AI-2026-000042</p>").write_pdf(pdf_variant="pdf/a-3b")
    result = verify_filing_pdf(plain)
    assert not result.ok
    assert result.problems == ("Expected one embedded filing.json, found 0",)


def test_a_pdf_that_is_not_pdfa_is_reported(typical_pdf: RenderedPdf) -> None:
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(BytesIO(typical_pdf.content)))
    del writer.root_object["/Metadata"]  # drop the XMP packet that declares PDF/A-3b
    output = BytesIO()
    writer.write(output)

    result = verify_filing_pdf(output.getvalue())
    assert not result.ok
    assert any("Not declared PDF/A-3b" in problem for problem in result.problems)
