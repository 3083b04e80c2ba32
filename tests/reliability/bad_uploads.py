"""Hostile evidence uploads, as data: bombs, disguised executables, PDFs with active content, and
file names with path tricks. test_bad_input_uploads.py sends each through the web form and the
API; a new kind of hostile file is one more entry here."""

from __future__ import annotations

import io
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from registry.workspace.demo_files import minimal_pdf

CONTENT_TYPES_XML = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"></Types>'
)


@dataclass(frozen=True)
class BadFile:
    id: str
    filename: str
    make: Callable[[], bytes]
    code: str  # the refusal's stable code (registry/workspace/uploads.py)
    # The API's serializer may refuse first, with its own code.
    api_codes: frozenset[str] = frozenset()


def _docx(members: dict[str, bytes] | None = None, *, many: int = 0, big: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES_XML)
        if big:
            # Written in chunks: the bomb is built without holding it in memory.
            with archive.open("word/document.xml", "w", force_zip64=True) as member:
                chunk = b"\0" * (1024 * 1024)
                for _ in range(big // len(chunk)):
                    member.write(chunk)
        else:
            archive.writestr("word/document.xml", b"<w:document/>")
        for n in range(many):
            archive.writestr(f"word/media/part{n}.xml", b"<x/>")
        for name, data in (members or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def _pdf(extra_catalog: bytes, extra_objects: bytes = b"", *, page: bytes = b"",
         more: tuple[bytes, ...] = ()) -> bytes:  # fmt: skip
    """A small, valid PDF whose catalog carries `extra_catalog` (an action, names, ...), its
    page `page` (annotations), and objects 4, 5, … `more`, listed in the xref table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + extra_catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] " + page + b">>",
        *more,
    ]
    body = io.BytesIO()
    body.write(b"%PDF-1.7\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(body.tell())
        body.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    body.write(extra_objects)
    xref = body.tell()
    body.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        body.write(b"%010d 00000 n \n" % offset)
    body.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return body.getvalue()


XFA_WITH_SCRIPT = (
    b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform><event activity="initialize">'
    b'<script contentType="application/x-javascript">xfa.host.gotoURL("http://127.0.0.1:9/")'
    b"</script></event></subform></template></xdp:xdp>"
)


def _xfa_pdf(key: bytes = b"/XFA") -> bytes:
    """An /AcroForm whose XFA form (script included) sits in a Flate-compressed stream."""
    packed = zlib.compress(XFA_WITH_SCRIPT)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
    return _pdf(
        b"/AcroForm << /Fields [] " + key + b" 4 0 R >>",
        more=(stream + packed + b"\nendstream",),
    )


def _link_pdf(target: bytes) -> bytes:
    """A link annotation the reader clicks, opening `target`."""
    link = b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /URI /URI (%s) >> >>"
    return _pdf(b"", page=b"/Annots [" + link % target + b"] ")


BAD_FILES: list[BadFile] = [
    BadFile("zip_bomb_docx", "report.docx", lambda: _docx(big=64 * 1024 * 1024), "zip_bomb"),
    BadFile("too_many_parts_docx", "report.docx", lambda: _docx(many=5_001), "zip_bomb"),
    BadFile(
        "docx_with_macros",
        "report.docx",
        lambda: _docx({"word/vbaProject.bin": b"macro"}),
        "macros",
    ),
    BadFile(
        "pdf_javascript_open_action",
        "declaration.pdf",
        lambda: _pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        "pdf_active_content",
    ),
    BadFile(
        "pdf_launch_action",
        "declaration.pdf",
        lambda: _pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>"),
        "pdf_active_content",
    ),
    BadFile(
        "pdf_javascript_name_escaped",
        "declaration.pdf",
        lambda: _pdf(b"/OpenAction << /S /Java#53cript /J#53 (app.alert(1)) >>"),
        "pdf_active_content",
    ),
    BadFile(
        "pdf_open_action_uri",
        "declaration.pdf",
        lambda: _pdf(b"/OpenAction << /S /URI /URI (http://127.0.0.1:9/track) >>"),
        "pdf_active_content",
    ),
    BadFile(
        "pdf_additional_action_submit_form",
        "declaration.pdf",
        lambda: _pdf(b"/AA << /WC << /S /SubmitForm /F (http://127.0.0.1:9/) >> >>"),
        "pdf_active_content",
    ),
    BadFile(
        "pdf_embedded_file",
        "declaration.pdf",
        lambda: _pdf(b"/Names << /EmbeddedFiles << /Names [] >> >>"),
        "pdf_active_content",
    ),
    BadFile(
        "elf_named_pdf",
        "declaration.pdf",
        lambda: b"\x7fELF\x02\x01\x01" + b"\0" * 64,
        "executable",
    ),
    BadFile(
        "html_named_pdf",
        "declaration.pdf",
        lambda: b"<html><script>fetch('http://127.0.0.1:9/')</script></html>",
        "content_type_mismatch",
    ),
    BadFile(
        "empty_pdf",
        "declaration.pdf",
        lambda: b"",
        "empty_file",
        api_codes=frozenset({"validation_failed"}),
    ),
    BadFile("pdf_xfa_form_with_script", "declaration.pdf", _xfa_pdf, "pdf_active_content"),
    BadFile(
        "pdf_xfa_name_escaped",
        "declaration.pdf",
        lambda: _xfa_pdf(b"/X#46A"),
        "pdf_active_content",
    ),
    BadFile(
        "html_pdf_polyglot",
        "declaration.pdf",
        lambda: (
            b"<html><script>fetch('http://127.0.0.1:9/')</script><!--\n" + _pdf(b"") + b"--></html>"
        ),
        "content_type_mismatch",
    ),
    BadFile(
        "pdf_link_to_local_file",
        "declaration.pdf",
        lambda: _link_pdf(b"file:///etc/passwd"),
        "pdf_link_not_allowed",
    ),
    BadFile(
        "pdf_link_to_smb_share",
        "declaration.pdf",
        lambda: _link_pdf(b"  SMB://attacker.example/share"),
        "pdf_link_not_allowed",
    ),
    BadFile("executable_extension", "setup.exe", lambda: minimal_pdf("x"), "file_type_not_allowed"),
]

# Names that must never reach the disk or a header as given. Each is uploaded with valid content;
# it is either refused or stored under a safe name (no directory part, no control characters).
TRICKY_NAMES: list[tuple[str, str]] = [
    ("parent_directories", "../../../../etc/passwd.pdf"),
    ("windows_parent_directories", "..\\..\\..\\windows\\win.ini.pdf"),
    ("absolute_path", "/etc/cron.d/evil.pdf"),
    ("windows_reserved", "CON.pdf"),
    ("windows_reserved_aux", "aux.pdf"),
    ("very_long", "a" * 1_000 + ".pdf"),
    ("nul_byte", "evil.pdf\x00.txt.pdf"),
    ("right_to_left_override", "invoice\u202efdp.exe.pdf"),
    ("header_injection", "x.pdf\r\nX-Injected: 1\r\n.pdf"),
    ("quotes_and_semicolons", 'a";filename="evil.exe".pdf'),
    ("only_dots", "....pdf"),
]


def unique_pdf(label: str) -> bytes:
    # Distinct bytes per upload: the same bytes would be deduplicated into the earlier row.
    return minimal_pdf(f"{label} {uuid.uuid4().hex}")


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body with the file name exactly as given (Django's test client would take
    its basename first, hiding the path tricks from the server)."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    quoted = filename.replace("\\", "\\\\").replace('"', '\\"')
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{quoted}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode("utf-8", "surrogatepass")
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
