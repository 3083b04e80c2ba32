"""How coded and structured values of a filing read in the PDF and on the register's pages."""

from __future__ import annotations

from registry.filings.presentation import _rows, display


def test_a_cited_evidence_file_reads_as_its_name_and_hash_not_internal_ids():
    ref = {
        "evidence_id": 7,
        "uid": "0b1c",
        "sha256": "ab" * 32,
        "filename": "doc.pdf",
        "content_type": "application/pdf",
        "size": 625,
    }
    assert display(ref) == f"doc.pdf (SHA-256 {'ab' * 32})"


def test_the_system_status_reads_in_annex_viii_words():
    rows = {
        row["key"]: row["value"]
        for row in _rows({"status": "no_longer_on_market", "trade_name": "on_market"})
    }
    assert rows["status"] == "No longer on the market"
    assert rows["trade_name"] == "on_market"  # only coded fields are labelled
