"""Reads of filing drafts, joined with what the register says about them."""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.pagination import Sort
from registry.filings.snapshots import declaration_chapters
from registry.register.models import Filing, FilingVersion, ReviewComment
from registry.workspace.filing_content import Content, draft_content
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.permissions import current_organisation


def filing_draft_list() -> QuerySet[FilingDraft]:
    return FilingDraft.objects.select_related("system", "gpai_model_version__model")


# Sorts of the filings list, each backed by an index (workspace/0006).
FILING_DRAFT_SORTS = (
    Sort("updated", _("Recently changed"), ("-updated_at", "-id")),
    Sort("oldest", _("Oldest first"), ("id",)),
)


def filing_draft_rows() -> QuerySet[FilingDraft]:
    """The filings list's rows: the draft's shown columns and its subject's name."""
    return filing_draft_list().only(
        "id", "kind", "system_id", "gpai_model_version_id", "register_filing_id",
        "last_submitted_version", "last_submitted_at", "updated_at",
        "system__id", "system__trade_name", "system__system_reference",
        "gpai_model_version__id", "gpai_model_version__version", "gpai_model_version__model_id",
        "gpai_model_version__model__id", "gpai_model_version__model__name",
    )  # fmt: skip


NOT_FILED = "not_filed"


def filing_draft_rows_with_status(status: str) -> QuerySet[FilingDraft]:
    """The list's rows whose filing has ``status`` in the register (``NOT_FILED``: drafts never
    submitted); one query, the register's rows read as a subquery of this organisation's only."""
    rows = filing_draft_rows()
    if not status:
        return rows
    if status == NOT_FILED:
        return rows.filter(register_filing_id__isnull=True)
    filed = Filing.objects.filter(organisation=current_organisation(), status=status)
    return rows.filter(register_filing_id__in=filed.values("pk"))


def filing_draft_export_rows(status: str) -> QuerySet[FilingDraft]:
    """The filings list's rows with each one's status and registration number in the register
    (``register_status``, ``registration_number``: subqueries of this organisation's filings),
    so an export reads them in the same query."""
    filed = Filing.objects.filter(
        pk=OuterRef("register_filing_id"), organisation=current_organisation()
    )
    return filing_draft_rows_with_status(status).annotate(
        register_status=Subquery(filed.values("status")[:1]),
        registration_number=Subquery(filed.values("registration_number")[:1]),
    )


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
    # The latest version's comments, and those of earlier versions a reviewer has not confirmed
    # as resolved before it was filed: what the organisation still has to answer, or sees settled
    # during the review of the latest version.
    comments = (
        list(
            ReviewComment.objects.filter(version__filing=filing)
            .filter(
                Q(version=versions[0])
                | Q(confirmed_at__isnull=True)
                | Q(confirmed_at__gte=versions[0].submitted_at)
            )
            .select_related("version", "authority")
            .order_by("id")
        )
        if versions
        else []
    )
    return FiledState(filing, versions, comments)


def filing_draft_comment(draft: FilingDraft, comment_id: int) -> ReviewComment | None:
    """A reviewer's comment on any version of the draft's filing, of this organisation only."""
    if draft.register_filing_id is None:
        return None
    return ReviewComment.objects.filter(
        pk=comment_id,
        version__filing_id=draft.register_filing_id,
        version__filing__organisation=current_organisation(),
    ).first()


@dataclass(frozen=True)
class DeclarationState:
    """Where the organisation's Code of Practice statuses stand against the register (Art 56):
    the public signatory register shows only a declaration the AI Office registered, so a status
    changed here is not public until a new declaration is filed and registered."""

    draft: FilingDraft | None
    filed_version: int | None  # the newest version filed, if any
    filed_status: str  # that version's status in the register ("" if none)
    registered_version: int | None
    changed_chapters: tuple[str, ...]  # chapters whose status or date differ from the newest filed

    @property
    def needs_filing(self) -> bool:
        # Nothing recorded and nothing filed: there is nothing to declare yet.
        return bool(self.changed_chapters)


def _chapter_state(chapter: str, fields: dict) -> tuple[str, str, int | None]:
    """What makes a chapter's declaration current: its status, its date and, for a signed
    Copyright chapter, the version of the copyright policy it publishes (Measures 1.1, 1.3, 1.5):
    adopting a new version changes what the declaration should say."""
    status = str(fields.get("status") or "")
    policy = (
        fields.get("copyright_policy") if chapter == "copyright" and status == "signed" else None
    )
    return (status, str(fields.get("status_date") or ""), (policy or {}).get("version"))


def cop_declaration_state() -> DeclarationState:
    """Compare the chapters recorded in the workspace with the newest declaration version filed."""
    from registry.register.models import FilingKind
    from registry.workspace.models import CodeOfPracticeSignature
    from registry.workspace.permissions import current_organisation

    kind = FilingKind.COP_SIGNATORY_DECLARATION
    draft = FilingDraft.objects.filter(kind=kind).first()
    from registry.workspace.selectors.copyright import copyright_policy_public_facts

    policy = copyright_policy_public_facts()
    here = {
        chapter: _chapter_state(
            chapter, {"status": status, "status_date": status_date, "copyright_policy": policy}
        )
        for chapter, status, status_date in CodeOfPracticeSignature.objects.values_list(
            "chapter", "status", "status_date"
        )
    }
    filing = Filing.objects.filter(organisation=current_organisation(), kind=kind).first()
    latest = filing.versions.order_by("-number").first() if filing is not None else None
    if filing is None or latest is None:
        return DeclarationState(draft, None, "", None, tuple(sorted(here)))
    filed = {
        chapter: _chapter_state(chapter, fields)
        for chapter, fields in declaration_chapters(latest.snapshot).items()
    }
    changed = tuple(
        sorted(
            chapter for chapter in set(here) | set(filed) if here.get(chapter) != filed.get(chapter)
        )
    )
    return DeclarationState(
        draft, latest.number, latest.status, filing.registered_version_number, changed
    )
