from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict[str, object]:
    tenant = getattr(request, "tenant", None)
    on_public = connection.schema_name == settings.PUBLIC_SCHEMA_NAME
    user = getattr(request, "user", None)
    return {
        "current_organisation": None if on_public else tenant,
        "on_public_site": on_public,
        "public_site_url": portal_url(None),
        # Lazily evaluated: only pages that show the regulator link run the query.
        "is_regulator": lambda: bool(
            user is not None and user.is_authenticated and user.authority_memberships.exists()
        ),
    }


def portal_url(slug: str | None, path: str = "/") -> str:
    """Absolute URL of the public site (slug None) or of an organisation's host."""
    host = settings.PORTAL_DOMAIN if slug is None else f"{slug}.{settings.PORTAL_DOMAIN}"
    port = f":{settings.PORTAL_PORT}" if settings.PORTAL_PORT else ""
    return f"{settings.PORTAL_SCHEME}://{host}{port}{path}"
