"""Receiving an evidence file: stream it to a temporary file while hashing, stop at the size
limit, and decide what the bytes are. The client's content type is never asked; the extension
only says what the bytes must turn out to be.

Refusals are ``ValidationFailed`` with a stable code; the temporary file is gone by then.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import puremagic
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.errors import ValidationFailed
from portal.formatting import file_size

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CHUNK = 1024 * 1024
HEAD = 8192

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

# Extension → the content type the bytes must sniff as.
ALLOWED_EXTENSIONS: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".json": "application/json",
    ".docx": DOCX,
    ".xlsx": XLSX,
    ".odt": ODT,
}
TEXT_TYPES = {"text/plain", "text/csv", "text/markdown", "application/json"}

_MACH_O = _("The file is a macOS executable (Mach-O); executables are never accepted.")
EXECUTABLE_SIGNATURES: tuple[tuple[bytes, StrOrPromise], ...] = (
    (b"\x7fELF", _("The file is a Linux executable (ELF); executables are never accepted.")),
    (b"MZ", _("The file is a Windows executable (MZ/PE); executables are never accepted.")),
    (b"\xfe\xed\xfa\xce", _MACH_O),
    (b"\xfe\xed\xfa\xcf", _MACH_O),
    (b"\xce\xfa\xed\xfe", _MACH_O),
    (b"\xcf\xfa\xed\xfe", _MACH_O),
    (
        b"\xca\xfe\xba\xbe",
        _("The file is a macOS universal binary or Java class; executables are never accepted."),
    ),
    (b"#!", _("The file is a script (#! line); executables are never accepted.")),
)
EXECUTABLE_MIME_HINTS = ("portable-executable", "x-executable", "x-mach", "x-msdownload", "x-elf")

# PDF names that run code or carry files: JavaScript (also as an /OpenAction), launching
# programs, embedded files, Flash/rich media, and XFA forms (an XML form whose <script> elements
# run in the reader: the script sits in a compressed stream where no byte scan sees it).
PDF_ACTIVE_NAMES = frozenset(
    {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}
)
PDF_ACTIVE_BYTES = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])"
)
PDF_MAX_OBJECTS = 200_000
# Actions a PDF runs by itself, when opened or on a page/form event (/OpenAction, /AA): these
# contact a server, open another file or post form data without the reader clicking anything.
# The same actions behind a link the reader clicks (/A of a link annotation) stay allowed.
PDF_REFUSED_AUTOMATIC_ACTIONS = frozenset(
    {"/URI", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE", "/Launch", "/JavaScript"}
)
# What a link the reader clicks may open: a web or mail address. file:// (and smb:, a relative
# path) would open local or network files, or leak the reader's credentials to a share.
PDF_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
PDF_URI_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Actions that open other files whoever triggers them: never allowed, not even behind a link.
PDF_REFUSED_ACTIONS = frozenset({"/GoToR", "/GoToE", "/Launch", "/ImportData"})

# Zip-based office files: refuse what would expand into a bomb when opened.
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_RATIO = 100  # per member, for members over ZIP_RATIO_FLOOR uncompressed
ZIP_RATIO_FLOOR = 1024 * 1024
ZIP_MAX_TOTAL_FACTOR = 10  # total uncompressed ≤ 10 × EVIDENCE_MAX_BYTES


def refuse(message: StrOrPromise, code: str, field: str = "file") -> ValidationFailed:
    return ValidationFailed(message, code=code, field_errors={field: [message]})


@dataclass(frozen=True)
class Received:
    path: Path
    sha256: str
    size: int
    content_type: str


def max_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", 25_000_000))


def _mb(n: int) -> str:
    return file_size(n)


def expected_type(filename: str) -> str:
    ext = Path(filename or "").suffix.lower()
    if ext not in ALLOWED_EXTENSIONS:
        allowed = ", ".join(sorted(ALLOWED_EXTENSIONS))
        raise refuse(
            _("Files of type '%(type)s' are not accepted as evidence; use one of %(allowed)s.")
            % {"type": ext or "none", "allowed": allowed},
            "file_type_not_allowed",
        )
    return ALLOWED_EXTENSIONS[ext]


def receive(stream: IO[bytes] | Any, filename: str, incoming_dir: Path) -> Received:
    """Stream, check and classify an upload; the caller moves ``path`` into place or deletes it."""
    expected = expected_type(filename)
    limit = max_bytes()
    declared = getattr(stream, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise refuse(
            _("The file is %(size)s; evidence files may be at most %(limit)s.")
            % {"size": _mb(declared), "limit": _mb(limit)},
            "file_too_large",
        )
    incoming_dir.mkdir(parents=True, exist_ok=True)
    path = incoming_dir / uuid.uuid4().hex
    try:
        digest, size = _stream_to(stream, path, limit)
        if size == 0:
            raise refuse(_("The file is empty."), "empty_file")
        content_type = refine_text_type(path, sniff(path), expected)
        if content_type != expected:
            raise refuse(
                _(
                    "The file is named '%(name)s' but its content is %(content)s; rename it or "
                    "upload the right file."
                )
                % {"name": filename, "content": describe(content_type)},
                "content_type_mismatch",
            )
        if content_type == "application/pdf":
            check_pdf(path)
        return Received(path=path, sha256=digest, size=size, content_type=content_type)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _stream_to(stream: Any, path: Path, limit: int) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    chunks = (
        stream.chunks(CHUNK) if hasattr(stream, "chunks") else iter(lambda: stream.read(CHUNK), b"")
    )
    with path.open("wb") as out:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                # Stop at the first byte over the limit: a 200 MB upload costs 25 MB of reading.
                raise refuse(
                    _("The file is larger than %(limit)s, the limit for evidence files.")
                    % {"limit": _mb(limit)},
                    "file_too_large",
                )
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def describe(content_type: str) -> str:
    names = {
        "application/pdf": _("a PDF document"),
        "image/png": _("a PNG image"),
        "image/jpeg": _("a JPEG image"),
        "text/plain": _("plain text"),
        "text/csv": _("CSV text"),
        "text/markdown": _("Markdown text"),
        "application/json": "JSON",
        DOCX: _("a Word document (DOCX)"),
        XLSX: _("an Excel workbook (XLSX)"),
        ODT: _("an OpenDocument text (ODT)"),
    }
    return str(names.get(content_type, content_type))


def _puremagic_label(head: bytes) -> str:
    try:
        matches = puremagic.magic_string(head)
    except puremagic.PureError:
        return ""
    if not matches:
        return ""
    best = matches[0]
    return f"{best.name} ({best.mime_type or best.extension})"


def sniff(path: Path) -> str:
    """The content type of the bytes at ``path``, or a refusal for what is never accepted."""
    with path.open("rb") as fh:
        head = fh.read(HEAD)
    for signature, refusal in EXECUTABLE_SIGNATURES:
        # "MZ" also starts ordinary text ("MZ-code,amount"); a DOS/PE header has NUL bytes.
        if signature == b"MZ" and b"\x00" not in head[:64]:
            continue
        if head.startswith(signature):
            raise refuse(refusal, "executable")
    try:
        hints = [m.mime_type.lower() for m in puremagic.magic_string(head)[:3]]
    except puremagic.PureError:
        hints = []
    if any(h and any(x in h for x in EXECUTABLE_MIME_HINTS) for h in hints):
        raise refuse(
            _("The file looks like an executable; executables are never accepted."), "executable"
        )
    # At offset 0 only: readers accept junk before the header, which lets one file be an HTML
    # page to a browser and a PDF to a reader (a polyglot).
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        return check_office_zip(path)
    text_type = _text_type(path)
    if text_type:
        return text_type
    label = _puremagic_label(head)
    accepted = "PDF, PNG, JPEG, text, CSV, Markdown, JSON, DOCX, XLSX, ODT"
    raise refuse(
        _(
            "The file's content is not an accepted evidence type (it looks like %(label)s). "
            "Accepted: %(accepted)s."
        )
        % {"label": label, "accepted": accepted}
        if label
        else _("The file's content is not an accepted evidence type. Accepted: %(accepted)s.")
        % {"accepted": accepted},
        "unrecognised_content",
    )


def _text_type(path: Path) -> str | None:
    """text/plain for UTF-8 without NUL bytes (JSON when it parses as JSON), else None."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            if b"\x00" in chunk:
                return None
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return None
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    return "text/plain"


def refine_text_type(path: Path, sniffed: str, expected: str) -> str:
    """Text is text: a .csv or .md file that is valid UTF-8 is what its extension says; a .json
    file must also parse as JSON."""
    if sniffed != "text/plain" or expected not in TEXT_TYPES:
        return sniffed
    if expected == "application/json":
        try:
            with path.open("rb") as fh:
                json.load(fh)
        except (ValueError, UnicodeDecodeError):
            raise refuse(
                _("The file is named .json but is not valid JSON."), "invalid_json"
            ) from None
    return expected


_ZIP_BOMB = _("The document expands far beyond its size when opened (a zip bomb).")


def check_office_zip(path: Path) -> str:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise refuse(
            _("The file looks like a zip archive but cannot be read."), "bad_archive"
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > ZIP_MAX_MEMBERS:
            raise refuse(
                _("The document has too many parts to be a plain office file."), "zip_bomb"
            )
        total = 0
        for info in members:
            if info.flag_bits & 0x1:
                raise refuse(
                    _("Encrypted documents cannot be checked; upload it unencrypted."), "encrypted"
                )
            total += info.file_size
            if info.file_size > ZIP_RATIO_FLOOR and (
                info.compress_size == 0 or info.file_size / info.compress_size > ZIP_MAX_RATIO
            ):
                raise refuse(_ZIP_BOMB, "zip_bomb")
        if total > ZIP_MAX_TOTAL_FACTOR * max_bytes():
            raise refuse(_ZIP_BOMB, "zip_bomb")
        names = {info.filename for info in members}
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise refuse(_("Documents with macros are not accepted."), "macros")
        if "mimetype" in names:
            with archive.open("mimetype") as fh:
                if fh.read(100).strip() == ODT.encode():
                    return ODT
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
    raise refuse(
        _(
            "Zip archives are accepted only as Word (DOCX), Excel (XLSX) or OpenDocument (ODT) "
            "files."
        ),
        "unrecognised_content",
    )


def check_pdf(path: Path) -> None:
    """Refuse PDFs that carry active content, found by a byte scan and by walking every object
    pypdf can reach (names hidden in compressed object streams or #-escaped are found there)."""
    _scan_pdf_bytes(path)
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            raise refuse(_("Encrypted PDFs cannot be checked; upload it unencrypted."), "encrypted")
        found = _walk_pdf(reader.trailer)
    except ValidationFailed:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError, OSError):
        raise refuse(_("The PDF is damaged and cannot be read."), "bad_pdf") from None
    if isinstance(found, _Link):
        raise refuse(
            _(
                "The PDF contains a link to %(target)s; links may point at http, https or mailto "
                "addresses only."
            )
            % {"target": repr(found.target)},
            "pdf_link_not_allowed",
        )
    if found:
        _active(found)


def _active(name: str) -> None:
    raise refuse(
        _(
            "The PDF contains active content (%(name)s); export it again without scripts, "
            "actions or attachments."
        )
        % {"name": name},
        "pdf_active_content",
    )


def _scan_pdf_bytes(path: Path) -> None:
    tail = b""
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            match = PDF_ACTIVE_BYTES.search(tail + chunk)
            if match:
                _active(match.group(0).decode())
            tail = chunk[-32:]


@dataclass(frozen=True)
class _Link:
    """A link whose scheme a PDF may not carry (the target as written, shortened)."""

    target: str


def _uri_problem(value: Any) -> _Link | None:
    from pypdf.generic import ByteStringObject, IndirectObject

    if isinstance(value, IndirectObject):
        value = value.get_object()
    if isinstance(value, ByteStringObject):
        value = bytes(value).decode("latin-1")
    # Readers skip leading blanks and control characters; so must the check.
    text = "".join(c for c in str(value or "") if c.isprintable()).strip()
    match = PDF_URI_SCHEME.match(text)
    if match is None or match.group(1).lower() not in PDF_LINK_SCHEMES:
        return _Link(text[:60])
    return None


def _walk_pdf(root: Any) -> str | _Link | None:
    """The first active content reached from ``root``: a PDF name (``/JavaScript``, an action
    ``/S /Launch``, one run by itself ``/S /GoTo (/OpenAction, /AA)``), or a link with a refused scheme."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    normal, action, triggers = 0, 1, 2  # what an object is, as reached: /OpenAction → action,
    # /AA → a table of triggers whose values are actions; /Next chains actions.
    seen: set[tuple[int, int, int]] = set()
    stack: list[tuple[Any, int]] = [(root, normal)]
    visited = 0
    while stack:
        obj, role = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation, role)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        visited += 1
        if visited > PDF_MAX_OBJECTS:
            raise refuse(_("The PDF has too many objects to check."), "bad_pdf")
        if isinstance(obj, NameObject) and str(obj) in PDF_ACTIVE_NAMES:
            return str(obj)
        if isinstance(obj, DictionaryObject):
            kind = str(obj.get("/S", ""))
            if role == action and kind in PDF_REFUSED_AUTOMATIC_ACTIONS:
                return f"/S {obj['/S']} (/OpenAction, /AA)"
            if kind in PDF_REFUSED_ACTIONS:
                return f"/S {kind}"
            if kind == "/URI" and (problem := _uri_problem(obj.get("/URI"))):
                return problem
            for name, value in obj.items():
                if str(name) in PDF_ACTIVE_NAMES:
                    return str(name)
                if (
                    str(name) == "/OpenAction"
                    or role == triggers
                    or (role == action and str(name) == "/Next")
                ):
                    stack.append((value, action))
                else:
                    stack.append((value, triggers if str(name) == "/AA" else normal))
        elif isinstance(obj, ArrayObject):
            stack.extend((item, role) for item in obj)
    return None
