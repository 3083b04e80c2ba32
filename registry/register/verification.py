"""Public verification: does this PDF or hash belong to a filing in the register?

Anyone holding a filing PDF (a customer, a journalist, a court) can check it without an account:
the complete filing an organisation handed on, or the public copy from the public register.
The answer never reveals filings of the secure section (Art 49(4)), nor what GPAI providers file
with the AI Office (Art 52 notifications, model documentation: Art 78): for the public they do not
exist, exactly like an unknown hash. Verification confirms only kinds whose versions are public.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from registry.register.models import Filing, FilingStatus, FilingVersion, PdfJob
from registry.register.selectors_public import public_version_lookups
from registry.register.selectors_public_copies import public_copy_by_hash

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
PDF_MAGIC = b"%PDF-"


class Refusal:
    """Why an input cannot be verified at all, as opposed to verified and not found: the web form
    shows it next to the field (registry/register/web/forms.py, VERIFY_REFUSALS)."""

    NOT_A_HASH = "not_a_hash"
    NOT_A_PDF = "not_a_pdf"
    NOT_A_PORTAL_PDF = "not_a_portal_pdf"


@dataclass(frozen=True)
class VerificationResult:
    found: bool
    # "snapshot" (hash of the filed JSON), "pdf" (hash of its PDF file), or the same of the
    # version's public copy: "public_snapshot" (its public part), "public_pdf".
    matched: str = ""
    registration_number: str = ""
    filing_id: str = ""
    version: int | None = None
    version_status: str = ""
    submitted_at: str = ""
    registered: bool = False
    latest_version: int | None = None
    newer_version_exists: bool = False
    problems: list[str] = field(default_factory=list)
    refusal: str = ""  # a Refusal: the input is no hash, no PDF, or no PDF of this portal

    def as_dict(self) -> dict[str, object]:
        return {key: getattr(self, key) for key in self.__dataclass_fields__}


def _result(
    version: FilingVersion, matched: str, problems: list[str] | None = None
) -> VerificationResult:
    filing: Filing = version.filing
    return VerificationResult(
        found=True,
        matched=matched,
        registration_number=filing.registration_number,
        filing_id=str(filing.pk),
        version=version.number,
        version_status=version.status,
        submitted_at=version.submitted_at.isoformat(),
        registered=version.status in {FilingStatus.REGISTERED, FilingStatus.SUPERSEDED},
        latest_version=filing.latest_version_number,
        newer_version_exists=filing.latest_version_number > version.number,
        problems=problems or [],
    )


def verify_hash(value: str) -> VerificationResult:
    sha = (value or "").strip().lower()
    if not SHA256_RE.match(sha):
        return VerificationResult(
            found=False,
            problems=["A SHA-256 is 64 hexadecimal characters."],
            refusal=Refusal.NOT_A_HASH,
        )
    # Only what the public register publishes can be confirmed (Art 71(4), 49(4)): registered
    # versions, none of an entry that ever had a version in the secure section.
    version = (
        FilingVersion.objects.select_related("filing")
        .filter(sha256=sha, **public_version_lookups())
        .first()
    )
    if version is not None:
        return _result(version, "snapshot")
    job = (
        PdfJob.objects.select_related("version__filing")
        .filter(pdf_sha256=sha, **public_version_lookups("version__"))
        .first()
    )
    if job is not None:
        return _result(job.version, "pdf")
    public = public_copy_by_hash(sha)
    if public is not None:
        rendition, matched = public
        return _result(rendition.version, matched)
    return VerificationResult(found=False)


def verify_pdf(data: bytes) -> VerificationResult:
    """Check an uploaded filing PDF: its embedded JSON must hash to a filed version."""
    import hashlib

    from registry.filings.verify import verify_filing_pdf

    # A PDF may start after some bytes of junk (readers look within the first kilobyte).
    if PDF_MAGIC not in data[:1024]:
        return VerificationResult(
            found=False, problems=["This file is not a PDF."], refusal=Refusal.NOT_A_PDF
        )
    by_file = verify_hash(hashlib.sha256(data).hexdigest())
    if by_file.found:
        return by_file
    check = verify_filing_pdf(data)
    if not check.snapshot_sha256:
        unreadable = any(p.startswith("Not a readable PDF") for p in check.problems)
        return VerificationResult(
            found=False,
            problems=list(check.problems) or ["This file is not a filing PDF of the portal."],
            refusal=Refusal.NOT_A_PDF if unreadable else Refusal.NOT_A_PORTAL_PDF,
        )
    found = verify_hash(check.snapshot_sha256)
    if not found.found:
        return VerificationResult(
            found=False,
            problems=["The filing data inside this PDF matches no filing in the register."],
        )
    return VerificationResult(**{**found.as_dict(), "problems": list(check.problems)})
