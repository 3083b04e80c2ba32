"""File responses for stored PDFs and evidence (content-addressed files). The hash the register
recorded is sent as `X-Content-SHA256` so the receiver can check the bytes; the file is not
re-hashed per download (`manage.py verify_register` recomputes every hash, `/verify/` checks a
copy someone holds)."""

from __future__ import annotations

from django.http import FileResponse, Http404

from portal.downloads import attachment
from registry.register import storage
from registry.register.models import EvidenceBlob, FilingVersion, PdfJobState
from registry.register.models.incidents import IncidentReportVersion
from registry.register.models.pdf import RenderJob
from registry.register.pdf_files import version_pdf


def pdf_response(version: FilingVersion) -> FileResponse:
    """The complete filing: for the organisation and its authorities only."""
    return _stored_pdf(*version_pdf(version, public=False))


def public_pdf_response(version: FilingVersion) -> FileResponse:
    """The public copy of a version, the only PDF the public gets (docs/decisions/0008)."""
    return _stored_pdf(*version_pdf(version, public=True))


def incident_pdf_response(version: IncidentReportVersion) -> FileResponse:
    """A serious-incident report version: for the organisation and its recipient only."""
    job = getattr(version, "pdf_job", None)
    return _stored_pdf(job, f"{version.report.reference}-v{version.number}.pdf")


def _stored_pdf(job: RenderJob | None, filename: str) -> FileResponse:
    if job is None or job.state != PdfJobState.READY or not job.storage_path:
        raise Http404("The PDF of this version is not ready.")
    path = storage.absolute_path(job.storage_path)
    if not path.exists():
        raise Http404("The PDF file is missing.")
    response = attachment(path, filename=filename, content_type="application/pdf")
    response["X-Content-SHA256"] = job.pdf_sha256
    return response


def evidence_response(blob: EvidenceBlob, name: str) -> FileResponse:
    path = storage.absolute_path(blob.storage_path)
    if not path.exists():
        raise Http404("The evidence file is missing.")
    response = attachment(path, filename=name, content_type=blob.content_type)
    response["X-Content-SHA256"] = blob.sha256
    return response
