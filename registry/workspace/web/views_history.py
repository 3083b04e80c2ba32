"""The organisation's History (issue 15 item 11): every change recorded in its audit trail, who
made it and when, before → after, filtered by person, kind of object and days, and exported as
CSV of exactly the filtered list. Administrators and owners, like the rest of the settings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import streaming
from portal.audit.filters import HistoryFilter
from portal.audit.models import AuditEvent
from portal.pagination import Sort, list_controls, paginate
from registry.workspace.web import history
from registry.workspace.web.access import ability_required

SORTS = [
    Sort("newest", gettext_lazy("Newest first"), ("-occurred_at", "-id")),
    Sort("oldest", gettext_lazy("Oldest first"), ("occurred_at", "id")),
]


def _filtered(request: HttpRequest) -> HistoryFilter:
    return HistoryFilter(request.GET or None, queryset=AuditEvent.objects.all())


def _params(filters: HistoryFilter) -> dict[str, str]:
    if not filters.is_bound or not filters.form.is_valid():
        return {}
    return {
        name: value.isoformat() if hasattr(value, "isoformat") else str(value)
        for name, value in filters.form.cleaned_data.items()
        if value not in ("", None)
    }


@ability_required("settings.view")
def history_page(request: HttpRequest) -> HttpResponse:
    filters = _filtered(request)
    invalid = filters.is_bound and not filters.form.is_valid()
    # A filter that is not valid filters nothing; its error is shown above the list.
    queryset = AuditEvent.objects.all() if invalid else filters.qs
    page = paginate(request, queryset, sorts=SORTS, params=_params(filters))
    context = {
        "section": "history",
        "filters": filters.form,
        "rows": list(history.rows(page.rows)),
        "export_query": request.GET.urlencode(),
        **list_controls(page, SORTS),
    }
    return render(
        request, "workspace/settings/history.html", context, status=422 if invalid else 200
    )


HISTORY_COLUMNS = ("when", "who", "what", "kind", "object", "changes")


@ability_required("settings.view")
def history_export(request: HttpRequest) -> HttpResponse:
    """The filtered history as CSV, written as the rows are read (constant memory)."""
    filters = _filtered(request)
    if filters.is_bound and not filters.form.is_valid():
        return history_page(request)
    events = filters.qs.order_by("-occurred_at", "-id")

    def rows() -> Iterator[dict[str, Any]]:
        for row in history.rows(events.iterator(chunk_size=streaming.CHUNK_SIZE)):
            event = row["event"]
            yield {
                "when": event.occurred_at.isoformat(),
                "who": event.actor_label,
                "what": row["action"],
                "kind": row["kind"],
                "object": event.object_repr,
                "changes": "; ".join(
                    f"{c['label']}: {c['before'] or '—'} → {c['after'] or '—'}"
                    for c in row["changes"]
                ),
            }

    header = [_("When"), _("Who"), _("What"), _("Kind of object"), _("Object"), _("Changes")]
    lines = streaming.csv_lines(HISTORY_COLUMNS, rows(), streaming.csv_cell, header=header)
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response = streaming.streamed(
        lines, content_type=streaming.CSV_TYPE, filename=f"history-{stamp}.csv"
    )
    return cast(HttpResponse, response)  # a streamed response where the views' type says one
