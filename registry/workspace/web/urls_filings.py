"""Provider pages of an organisation's host: GPAI models, the Code of Practice, filings."""

from __future__ import annotations

from django.urls import path

from registry.workspace.web import views_cop, views_filing_versions, views_filings, views_gpai

app_name = "filings"

urlpatterns = [
    # GPAI models (Chapter V) and the Model Documentation Form.
    path("models/", views_gpai.model_list, name="model_list"),
    path("models/new/", views_gpai.model_new, name="model_new"),
    path("models/<int:pk>/", views_gpai.model_detail, name="model_detail"),
    path("models/<int:pk>/edit/", views_gpai.model_edit, name="model_edit"),
    path("models/<int:pk>/versions/new/", views_gpai.version_new, name="model_version_new"),
    path(
        "models/<int:pk>/versions/<int:version_pk>/edit/",
        views_gpai.version_edit,
        name="model_version_edit",
    ),
    path(
        "models/<int:pk>/versions/<int:version_pk>/documentation/",
        views_gpai.version_documentation,
        name="model_version_documentation",
    ),
    path(
        "models/<int:pk>/versions/<int:version_pk>/export/<str:audience>/",
        views_gpai.version_export,
        name="model_version_export",
    ),
    # Code of Practice, per chapter.
    path("code-of-practice/", views_cop.cop_list, name="cop_list"),
    path("code-of-practice/declaration/", views_cop.cop_declaration, name="cop_declaration"),
    path("code-of-practice/<str:chapter>/", views_cop.cop_chapter, name="cop_chapter"),
    # Filings.
    path("filings/", views_filings.filing_list, name="filing_list"),
    path("filings/new/", views_filings.filing_new, name="filing_new"),
    path("filings/provider-entries/", views_filings.provider_entries, name="provider_entries"),
    path("filings/<int:pk>/", views_filings.filing_detail, name="filing_detail"),
    path("filings/<int:pk>/submit/", views_filings.filing_submit, name="filing_submit"),
    path("filings/<int:pk>/notes/", views_filings.filing_notes, name="filing_notes"),
    path("filings/<int:pk>/withdraw/", views_filings.filing_withdraw, name="filing_withdraw"),
    path("filings/<int:pk>/discard/", views_filings.filing_discard, name="filing_discard"),
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
