"""Reads of the public copies (docs/decisions/0008-public-rendition.md): the PDF the public may
download of a version, and what `/verify/` matches. The complete filing's PDF is never among them."""

from __future__ import annotations

from registry.register.models import FilingVersion, PublicRendition
from registry.register.selectors_public import public_pdf_allowed, public_version_lookups


def public_copy(version: FilingVersion) -> PublicRendition | None:
    """The public copy of a version (its public part and the PDF rendered from it), in whatever
    state its rendering is; None for a version the public may not download."""
    if not public_pdf_allowed(version):
        return None
    return getattr(version, "public_rendition", None)


def public_copy_by_hash(sha256: str) -> tuple[PublicRendition, str] | None:
    """The public copy whose public part (JSON) or PDF has this SHA-256, with what matched:
    "public_snapshot" or "public_pdf". Art 49(4): never one of a restricted filing."""
    copies = PublicRendition.objects.select_related("version__filing").filter(
        **public_version_lookups("version__")
    )
    found = copies.filter(sha256=sha256).first()
    if found is not None:
        return found, "public_snapshot"
    found = copies.filter(pdf_sha256=sha256).first()
    if found is not None:
        return found, "public_pdf"
    return None
