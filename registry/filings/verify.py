"""Check a filing PDF: is the embedded snapshot the one the PDF claims, and the one expected?

What a third party (a regulator, a court, the organisation itself) runs on a PDF it was given:

1. the PDF parses and declares PDF/A-3b in its XMP metadata;
2. exactly one embedded file named ``filing.json`` exists, typed ``application/json`` and linked
   to the document as its /Source;
3. the SHA-256 of those bytes is the ``filing-sha256:`` keyword of the document information
   and of the XMP metadata, and is printed on the first and last page;
4. the bytes are a canonical snapshot (so re-serialising them changes nothing);
5. with ``expected_sha256`` (taken from the register, a receipt or an e-mail, not from this
   PDF), that the hash is the expected one.

Checks 1-4 show the PDF is internally consistent: nobody edited the attachment without also
editing the hash it carries. Only check 5 shows it is *the* filing: someone who rewrites both
could otherwise produce a consistent forgery. So pass ``expected_sha256`` whenever you have it.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .canonical import sha256_hex
from .presentation import SnapshotError, load_snapshot

ATTACHMENT_NAME = "filing.json"  # the renderer's name (pdf.ATTACHMENT_NAME; no WeasyPrint here)
_KEYWORD = re.compile(r"filing-sha256:([0-9a-f]{64})")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True, slots=True)
class Verification:
    ok: bool
    snapshot_sha256: str | None  # of the embedded filing.json, recomputed here
    registration_number: str | None
    problems: tuple[str, ...]
    pdf_sha256: str = ""


def verify_filing_pdf(pdf_bytes: bytes, *, expected_sha256: str | None = None) -> Verification:
    problems: list[str] = []
    pdf_sha256 = hashlib.sha256(pdf_bytes).hexdigest()

    def result(snapshot_sha256: str | None = None, number: str | None = None) -> Verification:
        return Verification(not problems, snapshot_sha256, number, tuple(problems), pdf_sha256)

    try:
        reader = PdfReader(io.BytesIO(pdf_bytes), strict=False)
        attachments = list(reader.attachment_list)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        problems.append(f"Not a readable PDF: {exc}")
        return result()

    _check_pdfa(reader, problems)

    matching = [entry for entry in attachments if entry.name == ATTACHMENT_NAME]
    if len(matching) != 1:
        problems.append(f"Expected one embedded {ATTACHMENT_NAME}, found {len(matching)}")
        return result()
    embedded = matching[0]
    try:
        snapshot_bytes = embedded.content
    except (PdfReadError, ValueError) as exc:
        problems.append(f"The embedded {ATTACHMENT_NAME} cannot be read: {exc}")
        return result()
    snapshot_sha256 = sha256_hex(snapshot_bytes)
    _check_attachment_entry(embedded, snapshot_bytes, problems)

    info_hashes = _KEYWORD.findall(str((reader.metadata or {}).get("/Keywords", "")))
    if info_hashes != [snapshot_sha256]:
        problems.append(
            f"Document keywords give filing SHA-256 {_list(info_hashes)}, but the embedded "
            f"{ATTACHMENT_NAME} hashes to {snapshot_sha256}"
        )
    xmp = _xmp(reader)
    xmp_hashes = _KEYWORD.findall((xmp.pdf_keywords or "") if xmp else "")
    if xmp_hashes != [snapshot_sha256]:
        problems.append(
            f"XMP keywords give filing SHA-256 {_list(xmp_hashes)}, but the embedded "
            f"{ATTACHMENT_NAME} hashes to {snapshot_sha256}"
        )
    _check_printed_hash(reader, snapshot_sha256, problems)

    if expected_sha256 is not None:
        expected = expected_sha256.strip().lower()
        if not _HEX64.match(expected):
            problems.append(f"The expected SHA-256 {expected_sha256!r} is not 64 hex digits")
        elif expected != snapshot_sha256:
            problems.append(
                f"The embedded filing hashes to {snapshot_sha256}, not the expected {expected}"
            )

    number = None
    try:
        snapshot = load_snapshot(snapshot_bytes)
        number = str(snapshot["filing"]["registration_number"])
    except SnapshotError as exc:
        problems.append(f"The embedded {ATTACHMENT_NAME} is not a canonical snapshot: {exc}")
    return result(snapshot_sha256, number)


def _check_pdfa(reader: PdfReader, problems: list[str]) -> None:
    xmp = _xmp(reader)
    part = xmp.pdfaid_part if xmp else None
    conformance = xmp.pdfaid_conformance if xmp else None
    if (part, (conformance or "").upper()) != ("3", "B"):
        problems.append(
            f"Not declared PDF/A-3b (pdfaid part {part!r}, conformance {conformance!r})"
        )


def _check_attachment_entry(embedded: Any, content: bytes, problems: list[str]) -> None:
    if embedded.subtype != "/application#2Fjson" and embedded.subtype != "/application/json":
        problems.append(f"{ATTACHMENT_NAME} is typed {embedded.subtype!r}, not application/json")
    if embedded.associated_file_relationship != "/Source":
        problems.append(
            f"{ATTACHMENT_NAME} is related as {embedded.associated_file_relationship!r}, "
            "not /Source"
        )
    # The PDF's own MD5 of the embedded stream (ISO 32000 7.11.4): catches an edit of the stream
    # that left the entry's checksum behind. Not a security check (MD5), a consistency one.
    checksum = embedded.checksum
    # pypdf may decode the hex string as text; original_bytes keeps what the file holds.
    raw = getattr(checksum, "original_bytes", checksum)
    if raw is not None and bytes(raw) != hashlib.md5(content, usedforsecurity=False).digest():
        problems.append(f"{ATTACHMENT_NAME} does not match its embedded MD5 checksum")


def _check_printed_hash(reader: PdfReader, snapshot_sha256: str, problems: list[str]) -> None:
    # Page text is what a person reads: the footer must show the same hash. First and last
    # page only, to keep verifying a 50-page filing quick.
    pages = reader.pages
    indexes = sorted({0, len(pages) - 1}) if len(pages) else []
    for index in indexes:
        try:
            page_text = pages[index].extract_text() or ""
        except (PdfReadError, ValueError, KeyError, TypeError) as exc:
            problems.append(f"Page {index + 1} text cannot be read: {exc}")
            continue
        if snapshot_sha256 not in re.sub(r"\s+", "", page_text):
            problems.append(f"Page {index + 1} does not show the filing SHA-256 {snapshot_sha256}")


def _xmp(reader: PdfReader) -> Any:
    try:
        return reader.xmp_metadata
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None


def _list(values: list[str]) -> str:
    return ", ".join(values) if values else "none"
