from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """SHARED app: the REST plumbing and its one table (idempotency records, public schema)."""

    name = "portal.api"
    label = "api"
    verbose_name = "REST API"

    def ready(self) -> None:
        # Registers the OpenAPI extensions (security schemes) with drf-spectacular.
        from portal.api import schema  # noqa: F401
