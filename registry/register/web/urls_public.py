"""The public register (Art 71), the signatory register, verification and open data; no login."""

from __future__ import annotations

from django.urls import path, re_path

from registry.register.web import (
    views_open_data,
    views_public,
    views_rights_requests,
    views_verify,
)

app_name = "register"

urlpatterns = [
    path("register/", views_public.register_list, name="list"),
    path("register/<uuid:filing_id>/", views_public.register_entry, name="entry"),
    path(
        "register/<uuid:filing_id>/v/<int:number>/",
        views_public.register_version,
        name="version",
    ),
    path("register/<uuid:filing_id>/v/<int:number>/pdf/", views_public.register_pdf, name="pdf"),
    path(
        "register/<uuid:filing_id>/v/<int:number>/files/<str:sha256>/",
        views_public.register_file,
        name="file",
    ),
    path("signatories/", views_public.signatories, name="signatories"),
    # Rights holders' requests to a GPAI provider (Art 53(1)(c), Code of Practice Measure 1.5).
    path(
        "register/providers/<slug:slug>/rights-request/",
        views_rights_requests.rights_request_new,
        name="rights_request_new",
    ),
    path(
        "register/rights-requests/confirm/<str:token>/",
        views_rights_requests.rights_request_confirm,
        name="rights_request_confirm",
    ),
    path("verify/", views_verify.verify, name="verify"),
    path("open-data/", views_open_data.open_data, name="open_data"),
    re_path(
        r"^open-data/(?P<dataset>register|signatories)\.(?P<fmt>json|csv)$",
        views_open_data.download,
        name="download",
    ),
]
