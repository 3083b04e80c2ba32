"""Filing pages of an organisation's host: drafts, their register versions and PDFs."""

from __future__ import annotations

from django.urls import path

from registry.workspace.web import (
    list_exports,
    views_filing_versions,
    views_filings,
    views_mandates,
)

app_name = "filings"

urlpatterns = [
    path("filings/", views_filings.filing_list, name="filing_list"),
    path("filings/export/", list_exports.filings_export, name="filing_export"),
    path("filings/new/", views_filings.filing_new, name="filing_new"),
    path("filings/provider-entries/", views_filings.provider_entries, name="provider_entries"),
    path("filings/<int:pk>/", views_filings.filing_detail, name="filing_detail"),
    path("filings/<int:pk>/submit/", views_filings.filing_submit, name="filing_submit"),
    path("filings/<int:pk>/notes/", views_filings.filing_notes, name="filing_notes"),
    path("filings/<int:pk>/withdraw/", views_filings.filing_withdraw, name="filing_withdraw"),
    path("filings/<int:pk>/discard/", views_filings.filing_discard, name="filing_discard"),
    path(
        "filings/<int:pk>/verification/",
        views_mandates.verification_request_view,
        name="filing_verification_request",
    ),
    path(
        "filings/<int:pk>/comments/<int:comment_id>/resolve/",
        views_filings.filing_comment_resolve,
        name="filing_comment_resolve",
    ),
    path("filings/<int:pk>/diff/", views_filing_versions.filing_diff, name="filing_diff"),
    path(
        "filings/<int:pk>/versions/<int:number>/pdf/",
        views_filing_versions.pdf_download,
        name="filing_pdf",
    ),
    path(
        "filings/<int:pk>/versions/<int:number>/pdf/status/",
        views_filing_versions.pdf_status,
        name="filing_pdf_status",
    ),
]
