"""Reading mandates: each side from its own workspace, regulators beside a filing, the filing gate
before a submission. Public schema only: nothing here enters an organisation's schema."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from portal.tenancy.models import Organisation
from registry.register.models import (
    MODEL_KINDS,
    SYSTEM_KINDS,
    Filing,
    FilingVerification,
    FilingVersion,
    Mandate,
    MandateEvent,
    MandateStatus,
)

# The filings a non-EU provider may submit only through a mandate (Art 22(1), Art 54(1)):
# Section A and B registrations and the GPAI filings. Section C is a deployer's (Art 49(3)).
MANDATED_KINDS = frozenset(
    {"annex_viii_a", "annex_viii_b", "gpai_art52_notification", "gpai_model_documentation"}
)


def mandates_for(*, organisation: Organisation) -> QuerySet[Mandate]:
    """Every mandate this organisation gave or holds, with both parties and the document."""
    return (
        Mandate.objects.filter(Q(provider=organisation) | Q(representative=organisation))
        .select_related("provider", "representative", "document")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=MandateEvent.objects.select_related("organisation").order_by("at", "id"),
            )
        )
    )


def mandate_in_force(mandate: Mandate, on: date | None = None) -> bool:
    """Active and within its dates: an active mandate past its end date no longer counts, even
    before ``mandates_expire`` has marked it."""
    on = on or timezone.localdate()
    return (
        mandate.status == MandateStatus.ACTIVE
        and mandate.starts_on <= on
        and (mandate.ends_on is None or on <= mandate.ends_on)
    )


def mandate_active_for(
    *,
    provider: Organisation | int,
    system_uid: str | None = None,
    model_uid: str | None = None,
    on: date | None = None,
) -> Mandate | None:
    """The mandate in force that covers this subject (the newest, if several do)."""
    on = on or timezone.localdate()
    provider_id = provider.pk if isinstance(provider, Organisation) else provider
    rows = (
        Mandate.objects.filter(provider_id=provider_id, status=MandateStatus.ACTIVE)
        .filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("representative")
        .order_by("-decided_at", "-id")
    )
    for mandate in rows:
        if mandate.covers(system_uid=system_uid, model_uid=model_uid):
            return mandate
    return None


def verifications_for(*, organisation: Organisation) -> QuerySet[FilingVerification]:
    """Every verification of a mandate this organisation gave or holds, newest first: the
    provider's requests and their answers, the representative's queue and its past answers."""
    return FilingVerification.objects.filter(
        Q(mandate__provider=organisation) | Q(mandate__representative=organisation)
    ).select_related("mandate__provider", "mandate__representative")


def verifications_awaiting(*, representative: Organisation) -> QuerySet[FilingVerification]:
    """What the representative is asked to verify, oldest first."""
    return (
        FilingVerification.objects.filter(
            mandate__representative=representative, state=FilingVerification.State.REQUESTED
        )
        .select_related("mandate__provider")
        .order_by("requested_at", "id")
    )


def representative_party(organisation: Organisation) -> dict[str, str]:
    """The representative as Annex VIII A3/B3 "name, address and contact details"."""
    from registry.workspace.selectors.registration import organisation_party

    return organisation_party(organisation)


def filing_representatives(filings: Iterable[Filing]) -> dict[Any, dict[str, Any] | None]:
    """Per filing (of a non-EU provider, of a kind that needs one): its authorised
    representative now, or ``{"status": "none"}`` when no mandate in force covers it
    (Art 22(4), Art 54(5): the provider's filings show "no representative" until a new mandate
    is active). Filings that need none map to None. At most three queries, whatever the
    number of filings (the filings' organisations are expected select_related)."""
    filings = [f for f in filings if f.kind in MANDATED_KINDS]
    answer: dict[Any, dict[str, Any] | None] = {}
    if not filings:
        return answer
    on = timezone.localdate()
    providers = {f.organisation_id for f in filings}
    mandates = list(
        Mandate.objects.filter(provider_id__in=providers)
        .exclude(status__in=[MandateStatus.OFFERED, MandateStatus.DECLINED])
        .select_related("representative")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=MandateEvent.objects.select_related("organisation").order_by("at", "id"),
            )
        )
        .order_by("-decided_at", "-id")
    )
    model_uids = _model_uids(filings)
    for filing in filings:
        if filing.organisation.eu_established:
            answer[filing.pk] = None
            continue
        model_uid = model_uids.get(filing.pk)
        system_uid = filing.subject_id if filing.kind in SYSTEM_KINDS else None
        mine = [
            m
            for m in mandates
            if m.provider_id == filing.organisation_id
            and m.covers(system_uid=system_uid, model_uid=model_uid)
        ]
        current = next((m for m in mine if mandate_in_force(m, on)), None)
        ended = [
            {
                "mandate": m.pk,
                "representative": m.representative.legal_name,
                "status": m.status,
                "ended_by": m.ended_by,
                "reason": m.reason,
                "ended_at": m.ended_at,
            }
            for m in mine
            if m.status in (MandateStatus.TERMINATED, MandateStatus.EXPIRED)
        ]
        if current is None:
            answer[filing.pk] = {"status": "none", "ended": ended}
        else:
            answer[filing.pk] = {
                "status": "active",
                "mandate": current.pk,
                **representative_party(current.representative),
                "organisation": current.representative.slug,
                "ended": ended,
            }
    return answer


def _model_uids(filings: list[Filing]) -> dict[Any, str]:
    """The GPAI model each model filing is about: its subject is a model version, the mandate
    names the model, and the newest version's snapshot records the model's uid. One query."""
    ids = [f.pk for f in filings if f.kind in MODEL_KINDS]
    if not ids:
        return {}
    rows = FilingVersion.objects.filter(
        filing_id__in=ids, number=F("filing__latest_version_number")
    ).values_list("filing_id", "snapshot__subject__model_id")
    return {filing_id: str(uid) for filing_id, uid in rows if uid}
