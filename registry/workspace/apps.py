from __future__ import annotations

from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "registry.workspace"
    label = "workspace"
    verbose_name = "Workspace"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        from registry import rules

        # The rules engine is pure Python; the deployment picks the legal calendar it applies.
        rules.set_default_calendar(settings.LEGAL_CALENDAR)
