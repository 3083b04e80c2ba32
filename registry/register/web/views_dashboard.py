"""The regulator dashboard: what the reviewer's authority sees, counted, as bar charts with the
numbers in tables beside them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from registry import labels
from registry.register.models.incidents import IncidentStatus
from registry.register.selectors_console import Series, regulator_dashboard
from registry.register.selectors_incidents_console import IncidentCounts, incident_counts
from registry.register.web.access import regulator_required
from registry.register.web.charts import Bar, bar_chart
from registry.workspace.choices import CoPChapter

MONTHS_SHOWN = 6


def _label_of(dimension: str, value: str) -> str:
    if dimension == "tier":
        return str(labels.RISK_TIER.get(value, value or _("Not classified")))
    if dimension == "area":
        return str(labels.ANNEX_III_AREA.get(value, value))
    if dimension == "member_state":
        return str(labels.MEMBER_STATE.get(value, value))
    return str(dict(CoPChapter.choices).get(value, value))


def _panel(dimension: str, series: Series, title: str, description: str) -> dict:
    months = series.months[-MONTHS_SHOWN:]
    rows = [
        {
            "label": _label_of(dimension, category),
            "total": total,
            "months": [series.by_month.get(category, {}).get(month, 0) for month in months],
        }
        for category, total in series.totals
    ]
    return {
        "id": f"chart-{dimension}",
        "title": title,
        "chart": bar_chart(
            title=title,
            description=description,
            bars=[Bar(row["label"], row["total"]) for row in rows],
            chart_id=f"chart-{dimension}",
        )
        if rows
        else None,
        "months": months,
        "rows": rows,
    }


@regulator_required
def dashboard(request: HttpRequest) -> HttpResponse:
    data = regulator_dashboard(user=request.user)
    panels = [
        _panel(
            "tier",
            data["tier"],
            _("Filings by risk tier"),
            _("Number of filings you can see, per risk tier."),
        ),
        _panel(
            "area",
            data["area"],
            _("Filings by Annex III area"),
            _("Number of filings you can see, per Annex III area."),
        ),
        _panel(
            "member_state",
            data["member_state"],
            _("Filings by member state"),
            _("Number of filings you can see, per member state where the system is available."),
        ),
        _panel(
            "chapters",
            data["chapters"],
            _("Signatories per Code of Practice chapter"),
            _("Organisations whose latest declaration says they signed the chapter."),
        ),
    ]
    counts = incident_counts(memberships=request.authority_memberships)  # type: ignore[attr-defined]
    return render(
        request,
        "regulator/dashboard.html",
        {"panels": panels, "incident_panels": _incident_panels(counts), "incidents": counts},
    )


def _count_panel(key: str, title: str, description: str, rows: list[tuple[str, int]]) -> dict:
    return {
        "id": f"chart-incidents-{key}",
        "title": title,
        "rows": [{"label": label, "total": total} for label, total in rows],
        "chart": bar_chart(
            title=title,
            description=description,
            bars=[Bar(label, total) for label, total in rows],
            chart_id=f"chart-incidents-{key}",
        )
        if any(total for _label, total in rows)
        else None,
    }


def _incident_panels(counts: IncidentCounts) -> list[dict]:
    """Serious-incident reports addressed to the reviewer's authority, counted."""
    status_labels = dict(IncidentStatus.choices)
    return [
        _count_panel(
            "status",
            _("Incident reports by status"),
            _("Serious-incident reports addressed to your authority, per status."),
            [(str(status_labels.get(k, k)), n) for k, n in counts.by_status],
        ),
        _count_panel(
            "member-state",
            _("Incident reports by member state"),
            _("Serious-incident reports, per member state where the incident occurred."),
            [
                (str(labels.MEMBER_STATE.get(k, k)) if k else _("Not given"), n)
                for k, n in counts.by_member_state
            ],
        ),
        _count_panel(
            "harm",
            _("Incident reports by harm"),
            _("Serious-incident reports per harm of Art 3(49) they name (one may name several)."),
            [(str(labels.INCIDENT_HARM.get(k, k)), n) for k, n in counts.by_harm],
        ),
        _count_panel(
            "first-report",
            _("Time to first report"),
            _("Days from the provider becoming aware to its first report (Art 73(2)-(4))."),
            [(_("%(band)s days") % {"band": band}, n) for band, n in counts.time_to_first_report],
        ),
    ]
