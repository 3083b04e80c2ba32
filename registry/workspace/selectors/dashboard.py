"""The organisation's dashboard: systems by tier, the legal calendar ahead, filings, PDF jobs.

A fixed number of queries whatever the number of systems and records (one per source); the
dates are computed in Python with ``registry.rules`` so each carries the article it comes from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry import rules
from registry.register.models import Filing, PdfJob
from registry.register.models.pdf import PdfJobState
from registry.workspace.models import AISystem, FilingDraft, GPAIModelVersion, QMSRecord, RiskRecord

# How far ahead the calendar looks; overdue reviews and deadlines stay on it until handled.
HORIZON_DAYS = 730
MAX_DEADLINES = 25
REGISTRATION_ARTICLE = {"A": "Art 49(1)", "B": "Art 49(2)", "C": "Art 49(3)"}


@dataclass(frozen=True)
class Deadline:
    on: date
    kind: str  # compliance | registration | certificate_expiry | certificate_alert | risk_review
    #          | qms_review | art52_notification
    subject: str
    citation: str
    url: str = ""

    @property
    def overdue(self) -> bool:
        return self.on < timezone.localdate()


@dataclass
class Dashboard:
    tiers: list[tuple[str, int]] = field(default_factory=list)
    system_count: int = 0
    deadlines: list[Deadline] = field(default_factory=list)
    filings: list[tuple[str, int]] = field(default_factory=list)
    drafts_not_submitted: int = 0
    pdf_jobs: list[PdfJob] = field(default_factory=list)


def _system_deadlines(systems: list[AISystem], today: date) -> list[Deadline]:
    out: list[Deadline] = []
    for system in systems:
        url = f"/systems/{system.pk}/"
        if system.compliance_deadline:
            citation = "Art 113"
            result = system.latest_classification.result if system.latest_classification else {}
            for step in result.get("explanation", ()):
                if step.get("step") == "compliance_deadline":
                    citation = step.get("citation") or citation
            out.append(
                Deadline(system.compliance_deadline, "compliance", str(system), citation, url)
            )
        facts = system.latest_classification.facts if system.latest_classification else {}
        placed = facts.get("placed_on_market_date")
        # Art 49: registration comes before placing on the market; only a planned date is ahead.
        if placed and facts.get("date_status") == "planned" and system.registration_section:
            due = rules.registration_due(date.fromisoformat(placed))
            citation = REGISTRATION_ARTICLE.get(system.registration_section, "Art 49")
            out.append(Deadline(due, "registration", str(system), citation, url))
        if system.certificate_expiry_date:
            expiry = system.certificate_expiry_date
            out.append(Deadline(expiry, "certificate_expiry", str(system), "Art 44(2)", url))
            upcoming = [d for d in rules.certificate_renewal_alerts(expiry) if d >= today]
            if upcoming:
                out.append(
                    Deadline(upcoming[0], "certificate_alert", str(system), "Art 44(2)", url)
                )
    return out


def organisation_dashboard(*, today: date | None = None) -> Dashboard:
    """Everything the dashboard shows for the organisation whose schema is active."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=HORIZON_DAYS)
    board = Dashboard()
    systems = list(
        AISystem.objects.select_related("latest_classification").only(
            "id",
            "trade_name",
            "system_reference",
            "risk_tier",
            "registration_section",
            "compliance_deadline",
            "certificate_expiry_date",
            "latest_classification__facts",
            "latest_classification__result",
        )
    )
    board.system_count = len(systems)
    counts = Counter(system.risk_tier or "" for system in systems)
    board.tiers = sorted(counts.items(), key=lambda item: (item[0] == "", item[0]))
    deadlines = _system_deadlines(systems, today)
    for record in (
        RiskRecord.objects.filter(next_review_on__isnull=False, next_review_on__lte=horizon)
        .exclude(status="closed")
        .select_related("system")
        .only("id", "hazard", "next_review_on", "system__trade_name", "system__system_reference")
    ):
        deadlines.append(
            Deadline(
                record.next_review_on,
                "risk_review",
                f"{record.system}: {record.hazard[:60]}",
                "Art 9(2)",
                f"/risks/{record.pk}/edit/",
            )
        )
    for record in (
        QMSRecord.objects.filter(next_review_on__isnull=False, next_review_on__lte=horizon)
        .exclude(status="retired")
        .only("id", "aspect", "title", "next_review_on")
    ):
        deadlines.append(
            Deadline(
                record.next_review_on,
                "qms_review",
                record.title,
                f"Art 17(1)({record.aspect})",
                f"/records/qms/{record.pk}/edit/",
            )
        )
    for version in (
        GPAIModelVersion.objects.filter(
            art52_notification_due__isnull=False, art52_notified_on__isnull=True
        )
        .select_related("model")
        .only("id", "version", "art52_notification_due", "model__name")
    ):
        deadlines.append(
            Deadline(
                version.art52_notification_due, "art52_notification", str(version), "Art 52(1)"
            )
        )
    board.deadlines = sorted(
        (d for d in deadlines if d.on <= horizon and (d.on >= today or d.kind.endswith("review"))),
        key=lambda d: (d.on, d.subject),
    )[:MAX_DEADLINES]
    board.drafts_not_submitted = FilingDraft.objects.filter(register_filing_id__isnull=True).count()
    organisation = connection.tenant
    board.filings = list(
        Filing.objects.filter(organisation_id=organisation.pk)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by("status")
    )
    board.pdf_jobs = list(
        PdfJob.objects.filter(
            version__filing__organisation_id=organisation.pk,
            state__in=(PdfJobState.QUEUED, PdfJobState.RENDERING),
        )
        .select_related("version__filing")
        .order_by("queued_at")[:20]
    )
    return board


def deadline_kinds() -> dict[str, Any]:
    return {
        "compliance": _("Obligations apply"),
        "registration": _("Register in the EU database"),
        "certificate_expiry": _("Certificate expires"),
        "certificate_alert": _("Start certificate renewal"),
        "risk_review": _("Risk review"),
        "qms_review": _("QMS document review"),
        "art52_notification": _("Notify the Commission"),
    }
