"""A read-only admin view of the workspace for an organisation's own owners and admins, at
/workspace-admin/ on the organisation's host. Nothing can be added, changed or deleted here:
every write goes through the services, which validate and audit it."""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect

from portal.audit.models import AuditEvent
from portal.authz import role_may
from portal.service_admin import ServiceAdmin
from registry.workspace import models


class WorkspaceAdminSite(admin.AdminSite):
    site_header = "Workspace data (read-only)"
    site_title = "Workspace data"
    index_title = "Workspace data"

    def has_permission(self, request: HttpRequest) -> bool:
        # request.membership is set by TenantMembershipMiddleware for the current organisation
        # only; a session that is valid elsewhere has none here.
        membership = getattr(request, "membership", None)
        return bool(
            request.user.is_active
            and membership is not None
            and membership.organisation_id == getattr(connection.tenant, "pk", None)
            and role_may(membership.role, "admin_site.open")
        )

    def admin_view(self, view: Callable[..., HttpResponse], cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                return HttpResponseForbidden(
                    "Only owners and administrators of this organisation may open this page."
                )
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, view)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        # One login for the whole host: the portal's, not the admin's own form.
        if request.user.is_authenticated and not self.has_permission(request):
            return HttpResponseForbidden(
                "Only owners and administrators of this organisation may open this page."
            )
        return redirect(f"/accounts/login/?next={request.GET.get('next', '/workspace-admin/')}")


workspace_admin_site = WorkspaceAdminSite(name="workspace_admin")


class ReadOnlyAdmin(ServiceAdmin):
    actions = None

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.admin_site.has_permission(request)

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        # The admin log lives in the public schema; it says nothing about workspace rows (their
        # trail is the organisation's AuditEvent table, listed here on its own).
        raise Http404("No admin history for workspace data.")


def _register(model: Any, **options: Any) -> None:
    attrs = {"list_select_related": True, **options}
    workspace_admin_site.register(model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), attrs))


_register(
    models.AISystem,
    list_display=("trade_name", "system_reference", "role", "risk_tier", "status"),
    list_filter=("risk_tier", "role", "status"),
    search_fields=("trade_name", "system_reference"),
)
_register(
    models.Classification,
    list_display=("system", "risk_tier", "calendar", "ruleset_version", "classified_at"),
    list_filter=("risk_tier",),
)
_register(models.GPAIModel, list_display=("name", "model_family", "systemic_risk"))
_register(
    models.GPAIModelVersion,
    list_display=("model", "version", "risk_tier", "release_date", "art52_notification_due"),
)
_register(
    models.RiskRecord,
    list_display=("system", "hazard", "likelihood", "severity", "residual_risk", "status"),
    list_filter=("status", "severity"),
)
_register(
    models.QMSRecord,
    list_display=("aspect", "title", "document_version", "status", "approved_at"),
    list_filter=("aspect", "status"),
)
_register(
    models.Evidence,
    list_display=("title", "original_filename", "content_type", "size", "uploaded_at"),
    search_fields=("title", "original_filename", "sha256"),
)
_register(models.CodeOfPracticeSignature, list_display=("chapter", "status", "status_date"))
_register(
    models.CodeOfPracticeSignatureChange,
    list_display=("chapter", "changed_at", "changed_by"),
    list_filter=("chapter",),
)
_register(
    AuditEvent,
    list_display=("occurred_at", "actor_label", "action", "object_repr"),
    list_filter=("action",),
)
