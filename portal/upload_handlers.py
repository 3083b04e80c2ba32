"""Uploaded files stop at their size limit while they stream in, not after they landed on disk.

Django writes every upload over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file in full before a
form or a service sees its size: an 80 MB upload to /verify/ wrote 65 MB before its 20 MB refusal
(issue 14, item 7). This handler replaces Django's temporary-file handler: past the limit of the
path it deletes what it wrote, keeps nothing more, and hands on an empty stand-in whose `size` is
over the limit, so the form or service refuses it with its usual message ("larger than 20 MB")
and nothing needs to know about the handler. The rest of the request body is read and dropped
(Django's parser drains it); a client is answered only after it stopped sending.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import HttpRequest


def upload_limit(path: str) -> int:
    """The largest file a request to `path` may upload (UPLOAD_MAX_BYTES_BY_PATH, by prefix)."""
    for prefix, limit in getattr(settings, "UPLOAD_MAX_BYTES_BY_PATH", {}).items():
        if path.startswith(prefix):
            return int(limit)
    return int(settings.EVIDENCE_MAX_BYTES)


class OversizeUpload(UploadedFile):
    """What is left of a file that went over its limit: nothing but its name and a size over it."""

    def __init__(self, name: str, content_type: str, size: int, charset: str | None) -> None:
        import io

        super().__init__(io.BytesIO(), name, content_type, size, charset)


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = upload_limit(request.path if request is not None else "")
        self.received = 0
        self.over = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self.over:
            return None
        self.received += len(raw_data)
        if self.received > self.limit:
            self.over = True
            self.file.close()  # a NamedTemporaryFile: closing it deletes it
            return None
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.over:
            return OversizeUpload(
                self.file_name or "", self.content_type or "", self.received, self.charset
            )
        return super().file_complete(file_size)
