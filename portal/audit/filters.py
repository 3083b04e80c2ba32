"""Which audit events a reader asks for: one filter definition for the API
(`GET /api/v1/audit-events/`) and the organisation's History page, which adds the filters a
person uses (who, which kind of object, which days)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.api.filters import InstantFilter
from portal.audit.models import AuditEvent

# The kinds of object an organisation's trail records, by `object_type` (app_label.model).
OBJECT_TYPES = {
    "workspace.aisystem": _("AI system"),
    "workspace.classification": _("Classification"),
    "workspace.riskrecord": _("Risk record"),
    "workspace.qmsrecord": _("QMS record"),
    "workspace.evidence": _("Evidence"),
    "workspace.gpaimodel": _("GPAI model"),
    "workspace.gpaimodelversion": _("GPAI model version"),
    "workspace.codeofpracticesignature": _("Code of Practice signature"),
    "workspace.filingdraft": _("Filing"),
    "accounts.membership": _("Membership"),
    "accounts.apikey": _("API key"),
    "webhooks.webhook": _("Webhook"),
}


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(help_text="Exact action, e.g. membership.added.")
    action_prefix = django_filters.CharFilter(
        field_name="action", lookup_expr="startswith", help_text="e.g. membership."
    )
    object_type = django_filters.CharFilter(help_text="e.g. accounts.membership.")
    object_id = django_filters.CharFilter()
    occurred_after = InstantFilter(field_name="occurred_at", lookup_expr="gte")
    occurred_before = InstantFilter(field_name="occurred_at", lookup_expr="lt")

    class Meta:
        model = AuditEvent
        fields: list[str] = []


class HistoryFilter(AuditEventFilter):
    """The History page's form: the API's filters (kept for links from an object's history)
    plus a person, a kind of object and a range of days."""

    person = django_filters.CharFilter(
        field_name="actor_label", lookup_expr="icontains", label=_("Person or API key")
    )
    kind = django_filters.ChoiceFilter(
        field_name="object_type",
        choices=list(OBJECT_TYPES.items()),
        label=_("Kind of object"),
        empty_label=_("All"),
    )
    day_from = django_filters.DateFilter(
        field_name="occurred_at",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    day_to = django_filters.DateFilter(
        field_name="occurred_at",
        lookup_expr="date__lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
