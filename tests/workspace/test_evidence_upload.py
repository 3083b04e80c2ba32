from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from portal.errors import Forbidden, ValidationFailed
from registry.workspace import selectors, services
from registry.workspace.demo_files import minimal_pdf
from tests.workspace.helpers import counts, files_under, make_system, pdf, upload

MB = 1024 * 1024


class EndlessZeros(io.RawIOBase):
    """A 200 MB upload that exists only as a counter: reading it allocates one chunk at a time."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.served = 0

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        n = min(n if n > 0 else MB, self.total - self.served)
        self.served += n
        return b"\0" * n


def _refused(actor, body: bytes, filename: str, media_root: Path) -> ValidationFailed:  # type: ignore[no-untyped-def]
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        upload(actor, body, filename)
    assert counts() == before
    assert files_under(media_root) == []
    return exc.value


def test_valid_pdf_is_accepted_hashed_and_stored_content_addressed(in_a, bob, media_root, org_a):
    body = pdf("Declaration of conformity")
    evidence = upload(bob, body, "doc.pdf", title="DoC")
    digest = hashlib.sha256(body).hexdigest()
    assert evidence.sha256 == digest
    assert evidence.size == len(body)
    assert evidence.content_type == "application/pdf"
    assert evidence.uploaded_by == bob
    path = media_root / "evidence" / org_a.schema_name / digest[:2] / digest
    assert path.read_bytes() == body
    assert selectors.evidence_path(evidence) == path
    assert files_under(media_root) == [path]


def test_client_content_type_is_ignored_and_the_sniffed_one_stored(in_a, bob):
    from django.core.files.uploadedfile import SimpleUploadedFile

    file = SimpleUploadedFile("notes.txt", b"plain words\n", content_type="application/pdf")
    evidence = services.evidence_upload(actor=bob, file=file, filename=file.name)
    assert evidence.content_type == "text/plain"


def test_same_bytes_twice_return_one_evidence_with_both_links(in_a, bob):
    one, two = make_system(bob, "One"), make_system(bob, "Two")
    first = upload(bob, pdf(), systems=[one])
    again = upload(bob, pdf(), "copy.pdf", systems=[two])
    assert again == first
    assert set(first.systems.all()) == {one, two}


def test_a_200_mb_upload_is_refused_after_reading_just_over_the_limit(
    in_a, bob, media_root, settings
):
    stream = EndlessZeros(200 * MB)
    before = counts()
    with pytest.raises(ValidationFailed) as exc:
        services.evidence_upload(actor=bob, file=stream, filename="huge.pdf")
    assert exc.value.code == "file_too_large"
    assert "25 MB" in exc.value.message
    assert stream.served <= settings.EVIDENCE_MAX_BYTES + MB
    assert counts() == before
    assert files_under(media_root) == []


def test_an_upload_declaring_200_mb_is_refused_without_reading(in_a, bob, media_root):
    stream = EndlessZeros(200 * MB)
    stream.size = 200 * MB  # type: ignore[attr-defined]
    with pytest.raises(ValidationFailed) as exc:
        services.evidence_upload(actor=bob, file=stream, filename="huge.pdf")
    assert exc.value.code == "file_too_large"
    assert stream.served == 0


@pytest.mark.parametrize(
    "header",
    [b"\x7fELF\x02\x01\x01\x00", b"MZ\x90\x00\x03\x00\x00\x00", b"\xcf\xfa\xed\xfe\x07\x00"],
    ids=["elf", "pe", "mach-o"],
)
def test_an_executable_renamed_pdf_is_refused(in_a, bob, media_root, header):
    error = _refused(bob, header + b"\0" * 4096, "invoice.pdf", media_root)
    assert error.code == "executable"
    assert "executable" in error.message


def test_a_shell_script_renamed_txt_is_refused(in_a, bob, media_root):
    error = _refused(bob, b"#!/bin/sh\nrm -rf /\n", "readme.txt", media_root)
    assert error.code == "executable"


def test_an_exe_extension_is_refused_before_reading(in_a, bob, media_root):
    error = _refused(bob, b"MZ" + b"\0" * 100, "setup.exe", media_root)
    assert error.code == "file_type_not_allowed"


def test_content_that_disagrees_with_the_extension_is_refused(in_a, bob, media_root):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
    error = _refused(bob, png, "report.pdf", media_root)
    assert error.code == "content_type_mismatch"
    assert "PNG" in error.message


def test_pdf_with_javascript_is_refused(in_a, bob, media_root):
    body = minimal_pdf(
        "Hi", extra_catalog="/OpenAction << /S /JavaScript /JS (app.alert\\('x'\\)) >> "
    )
    error = _refused(bob, body, "doc.pdf", media_root)
    assert error.code == "pdf_active_content"


def test_pdf_with_an_escaped_launch_action_is_found_by_the_object_walk(in_a, bob, media_root):
    # "/L#61unch" is "/Launch" with a #-escape: a byte scan misses it, the pypdf walk does not.
    body = minimal_pdf("Hi", extra_catalog="/OpenAction << /S /L#61unch /F (calc.exe) >> ")
    error = _refused(bob, body, "doc.pdf", media_root)
    assert error.code == "pdf_active_content"


def test_pdf_with_an_embedded_file_is_refused(in_a, bob, media_root):
    body = minimal_pdf("Hi", extra_catalog="/Names << /EmbeddedFiles << /Names [] >> >> ")
    assert _refused(bob, body, "doc.pdf", media_root).code == "pdf_active_content"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_named_docx_is_refused(in_a, bob, media_root):
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (60 * MB)})
    assert len(bomb) < MB
    error = _refused(bob, bomb, "contract.docx", media_root)
    assert error.code == "zip_bomb"


def test_a_docx_with_macros_is_refused(in_a, bob, media_root):
    body = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w/>",
            "word/vbaProject.bin": b"x",
        }
    )
    assert _refused(bob, body, "macro.docx", media_root).code == "macros"


def test_office_documents_are_accepted_by_their_parts(in_a, bob):
    docx = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    xlsx = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"})
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<o/>"})
    assert upload(bob, docx, "a.docx").content_type.endswith("wordprocessingml.document")
    assert upload(bob, xlsx, "b.xlsx").content_type.endswith("spreadsheetml.sheet")
    assert upload(bob, odt, "c.odt").content_type == "application/vnd.oasis.opendocument.text"


def test_a_plain_zip_renamed_docx_is_refused(in_a, bob, media_root):
    body = _zip({"hello.txt": b"hi"})
    assert _refused(bob, body, "a.docx", media_root).code == "unrecognised_content"


def test_text_csv_markdown_and_json_are_accepted(in_a, bob):
    assert upload(bob, b"a,b\n1,2\n", "t.csv").content_type == "text/csv"
    assert upload(bob, b"# Title\n", "t.md").content_type == "text/markdown"
    assert upload(bob, b'{"a": 1}', "t.json").content_type == "application/json"


def test_invalid_json_is_refused(in_a, bob, media_root):
    assert _refused(bob, b"{nope", "t.json", media_root).code == "invalid_json"


def test_binary_junk_named_txt_is_refused(in_a, bob, media_root):
    assert _refused(bob, b"\x00\x01\x02\xff" * 10, "t.txt", media_root).code in {
        "unrecognised_content",
    }


def test_empty_file_is_refused(in_a, bob, media_root):
    assert _refused(bob, b"", "t.txt", media_root).code == "empty_file"


def test_viewer_cannot_upload(in_a, viewer_a, media_root):
    with pytest.raises(Forbidden):
        upload(viewer_a, pdf())
    assert files_under(media_root) == []


def test_links_to_unknown_records_are_refused_before_reading(in_a, bob, media_root):
    stream = EndlessZeros(10)
    with pytest.raises(ValidationFailed) as exc:
        services.evidence_upload(actor=bob, file=stream, filename="a.pdf", systems=[424242])
    assert exc.value.code == "unknown_reference"
    assert "systems" in exc.value.field_errors
    assert stream.served == 0


def test_link_and_unlink_are_audited(in_a, bob):
    from portal.audit.models import AuditEvent

    system = make_system(bob)
    evidence = upload(bob, pdf())
    services.evidence_link(actor=bob, evidence=evidence, systems=[system.pk])
    assert list(system.evidence.all()) == [evidence]
    services.evidence_unlink(actor=bob, evidence=evidence, systems=[system])
    assert not system.evidence.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"evidence.uploaded", "evidence.linked", "evidence.unlinked"} <= actions


def test_text_that_happens_to_start_with_mz_is_still_text(in_a, bob):
    assert upload(bob, b"MZ-code,amount\nA1,3\n", "codes.csv").content_type == "text/csv"
