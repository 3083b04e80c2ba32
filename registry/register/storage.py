"""Content-addressed files of the register (evidence copies, PDFs) under MEDIA_ROOT/register/.

A file's name is its SHA-256, so writing the same bytes twice is a no-op and a file can always be
checked against the hash the register recorded for it. Writes go to a temporary file first and
are renamed into place, so a crash never leaves a half-written file under a valid name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

CHUNK = 1024 * 1024


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "register"


def relative_path(kind: str, sha256: str, suffix: str = "") -> str:
    return f"{kind}/{sha256[:2]}/{sha256}{suffix}"


def absolute_path(relative: str) -> Path:
    path = (_root() / relative).resolve()
    if _root().resolve() not in path.parents:
        raise ValueError("path outside the register storage")
    return path


def store_bytes(kind: str, data: bytes, suffix: str = "") -> tuple[str, int, str]:
    """Store `data`; return (sha256, size, relative path)."""
    sha = hashlib.sha256(data).hexdigest()
    relative = relative_path(kind, sha, suffix)
    target = absolute_path(relative)
    if not target.exists():
        _write_atomically(target, [data])
    return sha, len(data), relative


def store_stream(kind: str, source: BinaryIO, suffix: str = "") -> tuple[str, int, str]:
    """Copy a file object into storage while hashing it, without holding it in memory."""
    target_dir = _root() / kind
    target_dir.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(dir=target_dir, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        relative = relative_path(kind, sha, suffix)
        final = absolute_path(relative)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        return sha, size, relative
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _write_atomically(target: Path, chunks: list[bytes]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def file_sha256(relative: str) -> str | None:
    path = absolute_path(relative)
    if not path.exists():
        return None
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
