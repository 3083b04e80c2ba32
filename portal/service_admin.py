"""The one rule of every admin site (docs/decisions/0010-admin-read-only.md): the admin writes
nothing itself.

Add, change and delete are refused (403) unless the class hands that write to the service that
makes it, which records the audit event in its own transaction: ``create_through`` for the add
page, ``delete_through`` for the delete page. Changing a row through the form is always refused;
a change support staff need is an admin action that calls its service. The admin's own log
(django_admin_log) is not the audit trail. tests/foundation/test_admin_writes.py holds every
registered class to this.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from portal.errors import DomainError


class ServiceAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _hands_over(self, method: str) -> bool:
        return getattr(type(self), method) is not getattr(ServiceAdmin, method)

    def create_through(self, request: HttpRequest, form: ModelForm) -> models.Model:
        """Call the service that creates the row from ``form.cleaned_data``; return the row."""
        raise NotImplementedError

    def delete_through(self, request: HttpRequest, obj: Any) -> None:
        """Call the service that deletes ``obj``."""
        raise NotImplementedError

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._hands_over("create_through") and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._hands_over("delete_through") and super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # a queryset delete, past the service
        return actions

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        # On the add page only the service's own form: an inline there would save rows past it.
        return list(self.inlines) if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        created = self.create_through(request, form)
        # The add view goes on with `obj` (its log entry, its message, its redirect).
        obj.pk = created.pk
        obj._state.adding = False

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        pass  # the service wrote everything there is to write

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self.delete_through(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_through(request, obj)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        # The form checks what it can; a refusal only the service knows rolls back the admin's
        # transaction and comes back as a message on the same page.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ReadOnlyInline(admin.TabularInline):
    """Rows shown beside their parent, never saved from there."""

    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
