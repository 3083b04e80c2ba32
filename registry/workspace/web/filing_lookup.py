"""Lookups the filing pages share: a draft by its number, and the PDF job of a filed version."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from registry.register.models import FilingVersion, PdfJob
from registry.workspace.selectors.drafts import filing_draft_get


def draft_or_404(pk: int) -> Any:
    draft = filing_draft_get(pk)
    if draft is None:
        raise Http404("No such draft.")
    return draft


def pdf_job_of(version: FilingVersion) -> PdfJob | None:
    """The version's PDF job, or None before one was queued (a reverse one-to-one)."""
    try:
        return version.pdf_job
    except PdfJob.DoesNotExist:
        return None
