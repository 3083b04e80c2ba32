"""Which stored PDF of a version is served, and under which name: the complete filing (for the
organisation and its authorities) or its public copy (for everyone else; decision 0008). The web
(`registry.register.web.downloads`) and the API (`portal.api.v1.filing_versions`) both ask here
and differ only in how they say "not ready" (a 404 page, a 409 problem+json)."""

from __future__ import annotations

from registry.register.models import FilingVersion
from registry.register.models.pdf import RenderJob


def version_pdf(version: FilingVersion, *, public: bool) -> tuple[RenderJob | None, str]:
    """(the render job holding the PDF, or None; the download's file name)."""
    stem = f"{version.filing.registration_number}-v{version.number}"
    if public:
        return getattr(version, "public_rendition", None), f"{stem}-public.pdf"
    return getattr(version, "pdf_job", None), f"{stem}.pdf"
