"""How a stored file leaves the portal: one response for every download (evidence, filing PDFs) on
the web, the API and the console. Always an attachment, never sniffed, and sandboxed should a
browser render it anyway: evidence is whatever an organisation uploaded (issue 14 item 8)."""

from __future__ import annotations

from pathlib import Path

from django.http import FileResponse


def attachment(path: Path, *, filename: str, content_type: str) -> FileResponse:
    """Stream `path` (never read whole into memory) as an attachment named `filename`."""
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Set here, so the site-wide policy (django-csp) leaves it as it is.
    response["Content-Security-Policy"] = "sandbox"
    return response
