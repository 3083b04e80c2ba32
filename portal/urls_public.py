"""URLs of the public host: landing page, login, register, regulator console, public API."""

from django.contrib import admin
from django.urls import include, path

from portal import views
from portal.accounts.views_language import set_language

urlpatterns = [
    path("", views.public_home, name="home"),
    path("accounts/", include("portal.accounts.urls")),
    # The regulator console and the public register (Art 71), with verification and open data.
    path("regulator/", include("registry.register.web.urls_regulator")),
    path("", include("registry.register.web.urls_public")),
    path("admin/", admin.site.urls),
    path("notifications/", include("portal.notifications.urls")),
    # The switcher; it keeps a signed-in person's choice for their e-mails (portal/mail.py).
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include("portal.api.urls_public")),
]

# problem+json for /api/ paths, Django's pages elsewhere.
handler400 = "portal.api.exceptions.handler400"
handler404 = "portal.api.exceptions.handler404"
handler500 = "portal.api.exceptions.handler500"
