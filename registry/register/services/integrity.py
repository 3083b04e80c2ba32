"""Recompute every hash the register recorded and report anything that no longer matches: filed
versions and their chain, their PDFs, the public copies (JSON and PDF) and the evidence."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from registry.register import storage
from registry.register.models import (
    EvidenceBlob,
    FilingVersion,
    PdfJob,
    PdfJobState,
    PublicRendition,
)


@dataclass(frozen=True)
class Problem:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _versions() -> Iterator[Problem]:
    previous: dict[str, str] = {}
    versions = FilingVersion.objects.select_related("filing").order_by("filing_id", "number")
    for version in versions.iterator(chunk_size=500):
        where = f"{version.filing.registration_number} v{version.number}"
        canonical = version.canonical.encode("utf-8")
        if hashlib.sha256(canonical).hexdigest() != version.sha256:
            yield Problem(where, "the stored JSON does not hash to the recorded SHA-256")
        try:
            parsed = json.loads(canonical)
        except ValueError:
            yield Problem(where, "the stored JSON does not parse")
            continue
        if parsed != version.snapshot:
            yield Problem(where, "the queryable copy differs from the hashed JSON")
        header = parsed.get("filing", {})
        if header.get("version") != version.number or (
            header.get("registration_number") != version.filing.registration_number
        ):
            yield Problem(where, "the snapshot names another filing or version")
        expected_previous = previous.get(str(version.filing_id), "")
        if version.previous_sha256 != expected_previous:
            yield Problem(where, "the chain to the previous version is broken")
        if (header.get("previous_version_sha256") or "") != expected_previous:
            yield Problem(where, "the snapshot's previous-version hash is wrong")
        previous[str(version.filing_id)] = version.sha256


def _pdfs() -> Iterator[Problem]:
    jobs = PdfJob.objects.filter(state=PdfJobState.READY).select_related("version__filing")
    for job in jobs.iterator(chunk_size=200):
        where = f"PDF of {job.version.filing.registration_number} v{job.version.number}"
        actual = storage.file_sha256(job.storage_path)
        if actual is None:
            yield Problem(where, "the file is missing")
        elif actual != job.pdf_sha256:
            yield Problem(where, "the file does not hash to the recorded SHA-256")


def _public_copies() -> Iterator[Problem]:
    copies = PublicRendition.objects.select_related("version__filing")
    for copy in copies.iterator(chunk_size=200):
        version = copy.version
        where = f"public copy of {version.filing.registration_number} v{version.number}"
        canonical = copy.canonical.encode("utf-8")
        if hashlib.sha256(canonical).hexdigest() != copy.sha256:
            yield Problem(where, "the stored JSON does not hash to the recorded SHA-256")
        try:
            header = json.loads(canonical).get("filing", {})
        except (ValueError, AttributeError):
            yield Problem(where, "the stored JSON does not parse")
            continue
        if header.get("version") != version.number or (
            header.get("registration_number") != version.filing.registration_number
        ):
            yield Problem(where, "the public part names another filing or version")
        if copy.state == PdfJobState.READY:
            actual = storage.file_sha256(copy.storage_path)
            if actual is None:
                yield Problem(f"PDF of the {where}", "the file is missing")
            elif actual != copy.pdf_sha256:
                yield Problem(
                    f"PDF of the {where}", "the file does not hash to the recorded SHA-256"
                )


def _evidence() -> Iterator[Problem]:
    for blob in EvidenceBlob.objects.iterator(chunk_size=500):
        actual = storage.file_sha256(blob.storage_path)
        if actual is None:
            yield Problem(f"evidence {blob.sha256[:12]}", "the file is missing")
        elif actual != blob.sha256:
            yield Problem(f"evidence {blob.sha256[:12]}", "the file does not match its hash")


def register_verify() -> tuple[int, list[Problem]]:
    """(number of objects checked, problems found)."""
    problems = [*_versions(), *_pdfs(), *_public_copies(), *_evidence()]
    checked = (
        FilingVersion.objects.count()
        + PdfJob.objects.filter(state="ready").count()
        + PublicRendition.objects.count()
        + EvidenceBlob.objects.count()
    )
    return checked, problems
