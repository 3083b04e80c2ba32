"""Reads of rights holders' requests (Art 53(1)(c), Code of Practice Measure 1.5): whom the
public may address, the provider's inbox (its own confirmed requests), and the AI Office's
statistics per provider, which count and time but never name a requester."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.authz import authorise
from portal.pagination import Sort
from portal.tenancy.models import Organisation
from registry.register.models import (
    FilingKind,
    RightsRequest,
    RightsRequestKind,
    RightsRequestStatus,
)
from registry.register.models.rights_requests import OPEN_RIGHTS_STATUSES
from registry.register.selectors import public_filings

# Who is a GPAI provider on the public register: the provider of a listed model (Art 52(6)), of a
# model whose training-content summary is published (Art 53(1)(d)), or a Code of Practice
# signatory (Art 56); the request form is on their public pages.
MODEL_LIST_KINDS = (
    FilingKind.GPAI_ART52_NOTIFICATION.value,
    FilingKind.GPAI_TRAINING_SUMMARY.value,
)
PROVIDER_KINDS = (*MODEL_LIST_KINDS, FilingKind.COP_SIGNATORY_DECLARATION.value)


def rights_request_providers() -> QuerySet[Organisation]:
    public = public_filings().filter(organisation=OuterRef("pk"), kind__in=PROVIDER_KINDS)
    return Organisation.objects.filter(Exists(public.order_by())).order_by("legal_name")


def rights_request_provider(slug: str) -> Organisation | None:
    return rights_request_providers().filter(slug=slug).first()


def rights_request_model_choices(provider: Organisation) -> list[tuple[str, str]]:
    """(filing id, model name) of the provider's models the public register lists (a model
    listed and summarised appears under each entry's name)."""
    rows = (
        public_filings()
        .filter(organisation=provider, kind__in=MODEL_LIST_KINDS)
        .order_by("subject_name", "pk")
        .values_list("pk", "subject_name")
    )
    return [(str(pk), name) for pk, name in rows]


# --- the provider's inbox ------------------------------------------------------------------------

INBOX_SORTS = (
    Sort("received", _("Newest first"), ("-confirmed_at", "-id")),
    Sort("due", _("Due first"), ("due_on", "id")),
)
INBOX_ROW_FIELDS = (
    "id", "organisation_id", "reference", "kind", "status", "model_name", "confirmed_at",
    "due_on", "closed_at",
)  # fmt: skip


def rights_request_inbox(*, actor: Any, organisation: Organisation) -> QuerySet[RightsRequest]:
    """The provider's confirmed requests (an unconfirmed one is nobody's business yet); page
    them with INBOX_SORTS. One query a page."""
    authorise(actor, "rights_request.read", organisation)
    return (
        RightsRequest.objects.filter(organisation=organisation)
        .exclude(status=RightsRequestStatus.UNCONFIRMED)
        .only(*INBOX_ROW_FIELDS)
    )


def rights_request_get(
    *, actor: Any, organisation: Organisation, request_id: Any
) -> RightsRequest | None:
    authorise(actor, "rights_request.read", organisation)
    try:
        return (
            RightsRequest.objects.filter(organisation=organisation, pk=request_id)
            .exclude(status=RightsRequestStatus.UNCONFIRMED)
            .prefetch_related("events")
            .first()
        )
    except (ValueError, TypeError, ValidationError):  # an id that is not a UUID
        return None


def is_overdue(request: RightsRequest, today: Any = None) -> bool:
    today = today or timezone.localdate()
    return (
        request.status in OPEN_RIGHTS_STATUSES
        and request.due_on is not None
        and (request.due_on < today)
    )


# --- the AI Office's statistics -----------------------------------------------------------------


class _Median(Aggregate):
    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


@dataclass
class ProviderStatistics:
    organisation_id: int
    provider: str
    by_kind: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    total: int = 0
    overdue: int = 0
    median_days_to_answer: float | None = None


def rights_request_statistics() -> list[ProviderStatistics]:
    """Per provider: confirmed requests by kind and by status, how many are overdue, and the
    median time from receipt to answer or rejection. Two queries whatever the number of
    providers; no column of a requester is read."""
    confirmed = RightsRequest.objects.exclude(status=RightsRequestStatus.UNCONFIRMED)
    today = timezone.localdate()
    stats: dict[int, ProviderStatistics] = {}
    rows = confirmed.values("organisation_id", "organisation__legal_name", "kind", "status")
    for row in rows.annotate(n=Count("id")).order_by():
        entry = stats.setdefault(
            row["organisation_id"],
            ProviderStatistics(row["organisation_id"], row["organisation__legal_name"]),
        )
        entry.by_kind[row["kind"]] = entry.by_kind.get(row["kind"], 0) + row["n"]
        entry.by_status[row["status"]] = entry.by_status.get(row["status"], 0) + row["n"]
        entry.total += row["n"]
    timing = (
        confirmed.values("organisation_id")
        .annotate(
            overdue=Count("id", filter=Q(status__in=OPEN_RIGHTS_STATUSES, due_on__lt=today)),
            median=_Median(
                F("closed_at") - F("confirmed_at"),
                output_field=DurationField(),
                filter=Q(closed_at__isnull=False),
            ),
        )
        .order_by()
    )
    for row in timing:
        entry = stats[row["organisation_id"]]
        entry.overdue = row["overdue"]
        median: timedelta | None = row["median"]
        if median is not None:
            entry.median_days_to_answer = round(median.total_seconds() / 86400, 1)
    for entry in stats.values():
        for kind in RightsRequestKind.values:
            entry.by_kind.setdefault(kind, 0)
        for status in RightsRequestStatus.values:
            if status != RightsRequestStatus.UNCONFIRMED:
                entry.by_status.setdefault(status, 0)
    return sorted(stats.values(), key=lambda s: s.provider)
