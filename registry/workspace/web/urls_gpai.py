"""GPAI model pages of an organisation's host (Chapter V) and the Model Documentation Form."""

from __future__ import annotations

from django.urls import path

from registry.workspace.web import list_exports, views_copyright, views_gpai, views_rights_requests

app_name = "gpai"

urlpatterns = [
    # Rights holders' requests (Art 53(1)(c), Code of Practice Measure 1.5): the provider's inbox.
    path("rights-requests/", views_rights_requests.inbox, name="rights_requests"),
    path("rights-requests/<uuid:pk>/", views_rights_requests.detail, name="rights_request"),
    path(
        "rights-requests/<uuid:pk>/review/",
        views_rights_requests.start_review,
        name="rights_request_review",
    ),
    path(
        "rights-requests/<uuid:pk>/answer/",
        views_rights_requests.answer,
        name="rights_request_answer",
    ),
    path(
        "rights-requests/<uuid:pk>/reject/",
        views_rights_requests.reject,
        name="rights_request_reject",
    ),
    path("models/", views_gpai.model_list, name="model_list"),
    path("models/export/", list_exports.models_export, name="model_export"),
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
    path(
        "models/<int:pk>/versions/<int:version_pk>/training-summary/",
        views_copyright.training_summary,
        name="model_version_training_summary",
    ),
    path(
        "models/<int:pk>/versions/<int:version_pk>/training-summary/file/",
        views_copyright.training_summary_file,
        name="model_version_training_summary_file",
    ),
    # Art 53(1)(c): the organisation's copyright policy, its versions and a new version.
    path("copyright-policy/", views_copyright.copyright_policy, name="copyright_policy"),
    path(
        "copyright-policy/new/", views_copyright.copyright_policy_new, name="copyright_policy_new"
    ),
    path(
        "copyright-policy/v/<int:number>/",
        views_copyright.copyright_policy_detail,
        name="copyright_policy_version",
    ),
]
