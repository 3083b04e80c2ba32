"""URLs of an organisation's host: its workspace, its API. Membership is checked by middleware."""

from django.urls import include, path

from portal import views
from portal.accounts.views_language import set_language

urlpatterns = [
    path("", views.organisation_dashboard, name="home"),
    # Workspace pages: systems, records, evidence (urls_systems); GPAI models (urls_gpai); the
    # Code of Practice (urls_cop); filings (urls_filings); members, API keys, webhooks
    # (urls_settings).
    path("", include("registry.workspace.web.urls_systems")),
    path("", include("registry.workspace.web.urls_gpai")),
    path("", include("registry.workspace.web.urls_cop")),
    path("", include("registry.workspace.web.urls_filings")),
    path("", include("registry.workspace.web.urls_incidents")),
    path("settings/", include("registry.workspace.web.urls_settings")),
    path("accounts/", include("portal.accounts.urls")),
    path(
        "workspace-admin/", include(("registry.workspace.admin_urls", "admin"), "workspace_admin")
    ),
    path("notifications/", include("portal.notifications.urls")),
    # The switcher; it keeps a signed-in person's choice for their e-mails (portal/mail.py).
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include("portal.api.urls_organisation")),
]

# problem+json for /api/ paths, Django's pages elsewhere.
handler400 = "portal.api.exceptions.handler400"
handler404 = "portal.api.exceptions.handler404"
handler500 = "portal.api.exceptions.handler500"
