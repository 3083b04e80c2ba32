"""The filing PDF: content in order, PDF/A-3b, the snapshot embedded byte for byte."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from registry.filings.canonical import SNAPSHOT_KINDS, canonical_json, sha256_hex
from registry.filings.pdf import (
    FilingRenderError,
    RenderedPdf,
    render_filing_html,
    render_filing_pdf,
)
from registry.filings.presentation import SnapshotError
from registry.filings.samples import sample_snapshot
from registry.rules.annex_viii import SECTION_A_ITEMS, SECTION_B_ITEMS, SECTION_C_ITEMS

from .helpers import canonical, compact, flat_text, page_texts, reader


def test_rendered_pdf_describes_itself(typical_pdf: RenderedPdf, typical_canonical: bytes) -> None:
    assert typical_pdf.content.startswith(b"%PDF-1.7")
    assert typical_pdf.sha256 == sha256_hex(typical_pdf.content)
    assert typical_pdf.snapshot_sha256 == sha256_hex(typical_canonical)
    assert typical_pdf.page_count == len(reader(typical_pdf.content).pages)
    assert 3 <= typical_pdf.page_count <= 8


def test_the_same_snapshot_gives_the_same_pdf_bytes(
    typical_pdf: RenderedPdf, typical_canonical: bytes
) -> None:
    # Content-addressed storage: a re-render (lost upload, retried job) lands on the same key.
    assert render_filing_pdf(typical_canonical).content == typical_pdf.content


def test_a_different_snapshot_gives_a_different_pdf(typical_pdf: RenderedPdf) -> None:
    other = render_filing_pdf(canonical(filing={"version": 2}))
    assert other.snapshot_sha256 != typical_pdf.snapshot_sha256
    assert other.sha256 != typical_pdf.sha256


def test_attachment_is_the_canonical_bytes_as_associated_source_file(
    typical_pdf: RenderedPdf, typical_canonical: bytes
) -> None:
    pdf = reader(typical_pdf.content)
    assert pdf.attachments == {"filing.json": [typical_canonical]}
    (entry,) = pdf.attachment_list
    assert entry.subtype in ("/application/json", "/application#2Fjson")
    assert entry.associated_file_relationship == "/Source"
    # PDF/A-3 associates the file with the document through the catalog's /AF, once.
    associated = [ref.get_object() for ref in pdf.trailer["/Root"]["/AF"]]
    assert len(associated) == 1
    assert associated[0]["/UF"] == "filing.json"


def test_pdfa_3b_is_declared_with_an_output_intent(typical_pdf: RenderedPdf) -> None:
    pdf = reader(typical_pdf.content)
    xmp = pdf.xmp_metadata
    assert xmp is not None
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")
    (intent,) = pdf.trailer["/Root"]["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFA1"


def test_every_font_is_embedded(typical_pdf: RenderedPdf) -> None:
    # PDF/A forbids relying on the reader's fonts.
    names = set()
    for page in reader(typical_pdf.content).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for descendant in descendants:
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                assert descriptor.keys() & {"/FontFile", "/FontFile2", "/FontFile3"}, font
                names.add(str(descriptor["/FontName"]))
    assert any(name.endswith("+DejaVu-Sans") for name in names), names


def test_metadata_names_the_filing_and_carries_its_hash(typical_pdf: RenderedPdf) -> None:
    pdf = reader(typical_pdf.content)
    info = pdf.metadata
    assert info is not None
    assert info.title == "EU-AI-2026-000042 version 1: Registration of a high-risk AI system"
    assert info.author == "Acme Recruiting Technologies GmbH"
    assert info.subject is not None and "Annex VIII Section A" in info.subject
    assert f"filing-sha256:{typical_pdf.snapshot_sha256}" in (info["/Keywords"] or "")
    assert info["/CreationDate"] == "D:20260312140500Z"  # submitted_at, not the render time
    assert pdf.xmp_metadata.pdf_keywords == info["/Keywords"]


def test_a_submission_time_with_microseconds_gives_whole_second_pdf_dates() -> None:
    rendered = render_filing_pdf(canonical(filing={"submitted_at": "2026-03-12T14:05:00.250000Z"}))
    pdf = reader(rendered.content)
    assert pdf.metadata["/CreationDate"] == "D:20260312140500Z"
    assert pdf.xmp_metadata.xmp_create_date.isoformat().startswith("2026-03-12T14:05:00")
    assert "12 March 2026, 14:05:00 UTC" in flat_text(rendered.content)


def test_every_page_shows_number_hash_and_page_x_of_y(typical_pdf: RenderedPdf) -> None:
    texts = page_texts(typical_pdf.content)
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert "EU-AI-2026-000042" in text
        assert typical_pdf.snapshot_sha256 in text
        assert f"Page {number} of {total}" in text


def test_content_comes_in_the_prescribed_order(typical_pdf: RenderedPdf) -> None:
    text = flat_text(typical_pdf.content)
    landmarks = [
        "EU-AI-2026-000042",
        "Version 1",
        "Submitted 12 March 2026, 14:05:00 UTC",
        *(f"{item.code} {item.title}" for item in SECTION_A_ITEMS),
        "Classification",
        "Explanation",
        "Obligations",
        "Risk management summary",
        "Quality management system summary",
        "Evidence",
    ]
    positions = [text.find(landmark) for landmark in landmarks]
    missing = [landmark for landmark, at in zip(landmarks, positions, strict=True) if at < 0]
    assert not missing
    assert positions == sorted(positions), list(zip(landmarks, positions, strict=True))


def test_item_citations_explanation_and_obligations_are_printed(
    typical_pdf: RenderedPdf,
) -> None:
    text = flat_text(typical_pdf.content)
    snapshot = sample_snapshot()
    for item in SECTION_A_ITEMS:
        assert item.citation in text
    for step in snapshot["classification"]["explanation"]:
        assert step["citation"] in text
        assert step["text"] in text
    for reference in snapshot["classification"]["obligations"]:
        assert reference in text
    for risk in snapshot["risk_summary"]:
        assert risk["hazard"] in text
    for evidence in snapshot["evidence"]:
        assert evidence["sha256"] in compact(text)  # wraps inside its column


def test_values_are_readable(typical_pdf: RenderedPdf) -> None:
    text = flat_text(typical_pdf.content)
    assert "Member states AT, DE, FR, NL" in text  # a list on one line
    assert "(a) Strategy for regulatory compliance QMS-A-v1.0 1 February 2026" in text
    assert "48.2 kB (48,213 bytes)" in text
    assert "Compliance deadline 2 August 2026" in text


def test_item_fields_keep_the_annex_order_although_json_keys_are_sorted(
    typical_pdf: RenderedPdf,
) -> None:
    # Canonical JSON sorts keys (address < contact < name); Annex VIII says name, address, contact.
    text = flat_text(typical_pdf.content)
    a1 = text[text.find("A1 Provider") : text.find("A2 Person")]
    assert a1.find("Provider name") < a1.find("Provider address") < a1.find("Provider contact")


def test_restricted_filing_marks_withheld_items() -> None:
    rendered = render_filing_pdf(canonical(restricted=True))
    text = flat_text(rendered.content)
    assert "Restricted registration" in text
    withheld = [item.code for item in SECTION_A_ITEMS if item.withheld_49_4]
    assert withheld == ["A6", "A8", "A9", "A11", "A12", "A13"]
    assert text.count("Withheld from the public (Art 49(4))") == len(withheld)
    html = render_filing_html(canonical(restricted=True))
    for code in withheld:
        assert re.search(rf'class="item withheld">\s*<h3><span class="code">{code}</span>', html)


def test_public_filing_marks_nothing_withheld(typical_pdf: RenderedPdf) -> None:
    text = flat_text(typical_pdf.content)
    assert "Withheld from the public" not in text
    assert "Restricted registration" not in text


@pytest.mark.parametrize(
    ("kind", "items"),
    [("annex_viii_b", SECTION_B_ITEMS), ("annex_viii_c", SECTION_C_ITEMS)],
)
def test_sections_b_and_c_list_their_own_items(kind: str, items: tuple) -> None:
    text = flat_text(render_filing_pdf(canonical(kind=kind)).content)
    section = kind[-1].upper()
    assert f"Annex VIII Section {section} items" in text
    for item in items:
        assert f"{item.code} {item.title}" in text
        assert item.citation in text


@pytest.mark.parametrize(
    "kind",
    ["gpai_art52_notification", "gpai_model_documentation", "cop_signatory_declaration"],
)
def test_other_kinds_render_their_own_items_without_classification(kind: str) -> None:
    snapshot = sample_snapshot(kind=kind)
    text = flat_text(render_filing_pdf(canonical_json(snapshot)).content)
    assert "Items of the filing" in text
    assert "Classification" not in text
    for item in snapshot["registration"]["items"]:
        assert f"{item['code']} {item['title']}" in text


def test_all_kinds_are_covered() -> None:
    assert len(SNAPSHOT_KINDS) == 7


HOSTILE = "<script>alert(1)</script><img src=http://evil.example/x.png>\"'&amp;"


def test_every_text_value_is_escaped_and_nothing_is_fetched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import registry.filings.pdf as pdf_module
    from registry.filings.fetcher import StaticOnlyFetcher

    fetchers: list[StaticOnlyFetcher] = []

    class RecordingFetcher(StaticOnlyFetcher):
        def __init__(self) -> None:
            super().__init__()
            fetchers.append(self)

    monkeypatch.setattr(pdf_module, "StaticOnlyFetcher", RecordingFetcher)
    snapshot = sample_snapshot()
    snapshot["organisation"]["legal_name"] = HOSTILE
    snapshot["subject"]["name"] = HOSTILE
    snapshot["registration"]["items"][3]["fields"]["trade_name"] = HOSTILE
    snapshot["registration"]["items"][3]["title"] = HOSTILE
    snapshot["classification"]["explanation"][0]["text"] = HOSTILE
    snapshot["risk_summary"][0]["mitigation"] = HOSTILE
    snapshot["evidence"][0]["name"] = HOSTILE
    encoded = canonical_json(snapshot)

    html = render_filing_html(encoded)
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=http://") == 7

    rendered = render_filing_pdf(encoded)
    # Cells wrap long values, so compare without whitespace.
    assert compact(flat_text(rendered.content)).count(compact(HOSTILE)) == 7
    # Only our stylesheet was requested; the <img> in the values never became an element.
    assert [fetcher.requested for fetcher in fetchers] == [["filing-static:filings/filing.css"]]
    assert reader(rendered.content).attachments["filing.json"] == [encoded]


def test_a_template_that_reaches_outside_fails_the_render(monkeypatch: pytest.MonkeyPatch) -> None:
    import registry.filings.pdf as pdf_module

    def leaky_html(snapshot: object, sha256: str) -> str:
        return '<link rel="stylesheet" href="file:///etc/passwd"><p>x</p>'

    monkeypatch.setattr(pdf_module, "_html", leaky_html)
    with pytest.raises(FilingRenderError, match="file:///etc/passwd"):
        render_filing_pdf(canonical())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not json", "Not UTF-8 JSON"),
        (b"\xff\xfe", "Not UTF-8 JSON"),
        (b"[]", "JSON object"),
        (json.dumps(sample_snapshot(), indent=2).encode(), "not canonical"),
        (b'{"a":1,"a":2}', "Duplicate keys"),
        (b'{"a":NaN}', "NaN"),
        (canonical_json({**sample_snapshot(), "schema_version": "2"}), "schema version"),
        (canonical_json({**sample_snapshot(), "kind": "annex_ix"}), "Unknown snapshot kind"),
        (canonical_json({"schema_version": "1"}), "lacks"),
        (canonical_json({**sample_snapshot(), "filing": {"version": 1}}), "filing lacks"),
    ],
)
def test_refuses_bytes_that_are_not_a_canonical_snapshot(data: bytes, message: str) -> None:
    with pytest.raises(SnapshotError, match=message):
        render_filing_pdf(data)


def test_pdf_text_is_extractable_with_unicode(typical_pdf: RenderedPdf) -> None:
    text = flat_text(typical_pdf.content)
    assert "Friedrichstraße 123" in text
    assert "Dana Müller" in text


def test_pdf_parses_strictly(typical_pdf: RenderedPdf) -> None:
    strict = PdfReader(io.BytesIO(typical_pdf.content), strict=True)
    assert len(strict.pages) == typical_pdf.page_count
