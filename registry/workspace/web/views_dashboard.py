"""What the organisation dashboard (portal.views.organisation_dashboard) renders."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from registry import labels
from registry.register.models.filings import FilingStatus
from registry.workspace.selectors.dashboard import deadline_kinds, organisation_dashboard
from registry.workspace.selectors.incidents import incident_clocks_open


def dashboard_context(request: HttpRequest) -> dict[str, Any]:
    board = organisation_dashboard()
    kinds = deadline_kinds()
    statuses = dict(FilingStatus.choices)
    return {
        "membership": request.membership,
        "board": board,
        "tiers": [
            (tier, labels.RISK_TIER.get(tier, labels.UNCLASSIFIED), count)
            for tier, count in board.tiers
        ],
        "deadlines": [(deadline, kinds[deadline.kind]) for deadline in board.deadlines],
        "incident_clocks": incident_clocks_open(),
        "filings": [
            (status, statuses.get(status, status), count) for status, count in board.filings
        ],
    }
