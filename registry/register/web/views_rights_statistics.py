"""The AI Office's view of rights holders' requests (Art 53(1)(c), Code of Practice Measure 1.5):
per GPAI provider, counts by kind and status, overdue requests and the median time to answer.
Counts only: no requester's name or address is read for this page (the selector reads none)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from registry.register.models import RightsRequestKind, RightsRequestStatus
from registry.register.selectors_rights_requests import rights_request_statistics
from registry.register.web.access import regulator_required


@regulator_required
def statistics(request: HttpRequest) -> HttpResponse:
    # Art 88-94: the AI Office supervises GPAI providers; a national authority sees nothing here.
    if not request.sees_rights_statistics:  # type: ignore[attr-defined]
        return render(request, "403.html", status=403)
    statuses = [
        (value, label)
        for value, label in RightsRequestStatus.choices
        if value != RightsRequestStatus.UNCONFIRMED
    ]
    rows = [
        {
            "provider": entry.provider,
            "total": entry.total,
            "kinds": [entry.by_kind.get(value, 0) for value, _label in RightsRequestKind.choices],
            "statuses": [entry.by_status.get(value, 0) for value, _label in statuses],
            "overdue": entry.overdue,
            "median": entry.median_days_to_answer,
        }
        for entry in rights_request_statistics()
    ]
    return render(
        request,
        "regulator/rights_requests.html",
        {"rows": rows, "kinds": RightsRequestKind.choices, "statuses": statuses},
    )
