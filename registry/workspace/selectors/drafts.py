"""Reads of filing drafts, joined with what the register says about them."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.urls import reverse

from registry.register.models import Filing, FilingVersion, ReviewComment
from registry.workspace.filing_content import Content, draft_content
from registry.workspace.models.drafts import FilingDraft


def filing_draft_list() -> QuerySet[FilingDraft]:
    return FilingDraft.objects.select_related("system", "gpai_model_version__model")


def filing_draft_get(draft_id: int) -> FilingDraft | None:
    return filing_draft_list().filter(pk=draft_id).first()


def filing_draft_paths(filing_ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The page of each register filing on its organisation's host, by the filing's id: the page
    is the draft's, numbered in the organisation's schema (run there, e.g. in tenant_context),
    which the register does not know. Filings without a draft are left out."""
    rows = FilingDraft.objects.filter(register_filing_id__in=list(filing_ids)).values_list(
        "register_filing_id", "pk"
    )
    return {
        filing_id: reverse("filings:filing_detail", args=[pk], urlconf=settings.ROOT_URLCONF)
        for filing_id, pk in rows
        if filing_id is not None
    }


def filing_draft_checklist(draft: FilingDraft) -> Content:
    return draft_content(draft, connection.tenant)


@dataclass
class FiledState:
    filing: Filing | None
    versions: list[FilingVersion]
    comments: list[ReviewComment]


def filing_draft_register_state(draft: FilingDraft) -> FiledState:
    """The register's side: the filing, its versions (newest first) and the open comments."""
    if draft.register_filing_id is None:
        return FiledState(None, [], [])
    # Only this organisation's own filing: the id came from its schema, the filter makes sure.
    filing = Filing.objects.filter(
        pk=draft.register_filing_id, organisation=connection.tenant
    ).first()
    if filing is None:
        return FiledState(None, [], [])
    versions = list(filing.versions.select_related("pdf_job").order_by("-number"))
    comments = list(
        ReviewComment.objects.filter(version=versions[0]).order_by("id") if versions else []
    )
    return FiledState(filing, versions, comments)
