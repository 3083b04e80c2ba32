"""Oversized uploads stop at their limit while they stream (issue 14, item 7): an 80 MB filing
PDF to the anonymous /verify/ (limit 20 MB) and a 120 MB evidence file to the API (limit 25 MB)
are streamed into the real request handler, and the disk usage of the upload directories is
measured every megabyte on the way. Before the streaming limit the first wrote 65 MB and the
second 78 MB."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.test.client import ClientHandler

from tests.api.helpers import ORG_A_HOST, PUBLIC_HOST

pytestmark = pytest.mark.timeout(120)
MB = 1024 * 1024


def _disk_usage(*roots: Path) -> int:
    used = 0
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                try:
                    used += os.stat(os.path.join(folder, name)).st_blocks * 512
                except FileNotFoundError:  # deleted between listing and stat
                    pass
    return used


class StreamedBody:
    """A multipart body generated while it is read, the way a client streams it (never held in
    memory); the disk usage of `watched` is sampled after every megabyte handed to the server."""

    def __init__(self, head: bytes, size: int, tail: bytes, watched: list[Path]) -> None:
        self.head, self.tail = head + b"%PDF-1.7\n", tail
        self.filler_end = len(head) + size
        self.length = self.filler_end + len(tail)
        self.watched = watched
        self.sent = 0
        self.peak = 0
        self._since_sample = 0

    def _bytes(self, start: int, stop: int) -> bytes:
        out = bytearray()
        if start < len(self.head):
            out += self.head[start : min(stop, len(self.head))]
            start = len(self.head)
        if start < stop and start < self.filler_end:
            end = min(stop, self.filler_end)
            out += b"0" * (end - start)
            start = end
        if start < stop:
            out += self.tail[start - self.filler_end : stop - self.filler_end]
        return bytes(out)

    def read(self, size: int | None = -1) -> bytes:
        stop = self.length if size is None or size < 0 else min(self.length, self.sent + size)
        out = self._bytes(self.sent, stop)
        self.sent = stop
        self._since_sample += len(out)
        if self._since_sample >= MB or self.sent == self.length:
            self._since_sample = 0
            self.peak = max(self.peak, _disk_usage(*self.watched))
        return out

    def readline(self, size: int | None = -1) -> bytes:  # WSGI asks for it; Django reads blocks
        return self.read(size)


def _stream(host: str, path: str, fields: dict[str, str], filename: str, size: int,
            watched: list[Path], **headers: str):  # type: ignore[no-untyped-def]  # fmt: skip
    boundary = uuid.uuid4().hex
    head = (
        b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        )
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{"pdf" if path == "/verify/" else "file"}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
    )
    body = StreamedBody(head, size, f"\r\n--{boundary}--\r\n".encode(), watched)
    environ = RequestFactory()._base_environ(
        PATH_INFO=path,
        REQUEST_METHOD="POST",
        CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
        CONTENT_LENGTH=str(body.length),
        HTTP_HOST=host,
        **{"wsgi.input": body},
        **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()},
    )
    response = ClientHandler(enforce_csrf_checks=False)(environ)
    return response, body


@pytest.fixture
def upload_dirs(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    (tmp_path / "media").mkdir()
    (tmp_path / "upload-tmp").mkdir()
    return [tmp_path / "media", tmp_path / "upload-tmp"]


def test_an_80_mb_pdf_to_verify_writes_no_more_than_the_20_mb_limit(db, upload_dirs):
    response, body = _stream(
        PUBLIC_HOST, "/verify/", {"sha256": ""}, "filing.pdf", 80 * MB, upload_dirs
    )
    print(
        f"\n/verify/ 80 MB upload: peak disk {body.peak / MB:.1f} MB, answered {response.status_code}"
    )
    assert response.status_code == 422
    assert "larger than 20 MB" in response.content.decode()
    assert body.sent == body.length  # the server read the body (and dropped it)
    assert body.peak <= 20 * MB + MB
    assert _disk_usage(*upload_dirs) == 0


def test_a_120_mb_evidence_upload_writes_no_more_than_the_25_mb_limit(cast, make_key, upload_dirs):
    response, body = _stream(
        ORG_A_HOST, "/api/v1/evidence/", {"title": "Huge"}, "huge.pdf", 120 * MB, upload_dirs,
        Authorization=f"Bearer {make_key(cast.org_a)}",
    )  # fmt: skip
    print(
        f"\nevidence 120 MB upload: peak disk {body.peak / MB:.1f} MB, answered {response.status_code}"
    )
    assert response.status_code in (400, 413, 422), response.content[:300]
    assert json.loads(response.content)["code"] == "file_too_large"
    assert body.peak <= 25 * MB + MB
    assert _disk_usage(*upload_dirs) == 0
