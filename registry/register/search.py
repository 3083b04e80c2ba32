"""Text search over filings, one rule for the public register (web, API, open data) and the
regulator queue: a substring of the subject's name, of the registration number or of the
organisation's legal name, case-insensitive. Each of the three is served by a trigram GIN index
on UPPER(...) (register/0011, tenancy/0003), so a search stays a bitmap index scan at 100,000
filings (bench/regulator_queue.py). Why trigrams and not full-text search: docs/decisions/0013.

The function takes and returns a queryset, so any list (paged by portal.pagination or not) can
apply it after its own scoping."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import BooleanField, F, Func, Q, QuerySet

from registry.register.models import Filing

Filings = TypeVar("Filings", bound=QuerySet[Filing])

# Longer input is cut rather than refused: the forms already limit `q` to 200 characters.
MAX_QUERY = 200


class _EqualsAny(Func):
    """`column = ANY(ARRAY(subquery))`: the array is computed once (an InitPlan) and the column's
    btree index serves it, where `column IN (subquery)` inside an OR is a per-row hashed filter
    that forces a sequential scan of the filings."""

    template = "%(expressions)s)"
    arg_joiner = " = ANY("
    output_field = BooleanField()


def filing_search(queryset: Filings, text: str) -> Filings:
    """The filings of `queryset` whose subject name, registration number or organisation's legal
    name contains `text` (case-insensitive); `queryset` unchanged for blank text."""
    text = (text or "").strip()[:MAX_QUERY]
    if not text:
        return queryset
    from portal.tenancy.models import Organisation

    organisations: QuerySet[Any] = (
        Organisation.objects.filter(legal_name__icontains=text).order_by().values("pk")
    )
    return queryset.filter(
        Q(subject_name__icontains=text)
        | Q(registration_number__icontains=text)
        | Q(_EqualsAny(F("organisation_id"), ArraySubquery(organisations)))
    )
