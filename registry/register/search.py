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


# A search that matches at most this many filings is resolved to their ids first (see below).
SELECTIVE = 1000


def _organisation_ids(organisations: QuerySet[Any]) -> _EqualsAny:
    return _EqualsAny(F("organisation_id"), ArraySubquery(organisations.order_by().values("pk")))


def _matches(text: str) -> Q:
    from portal.tenancy.models import Organisation

    return (
        Q(subject_name__icontains=text)
        | Q(registration_number__icontains=text)
        | Q(_organisation_ids(Organisation.objects.filter(legal_name__icontains=text)))
    )


def filing_matches(text: str) -> QuerySet[Filing]:
    """Every filing (unscoped, unordered) matching `text`: the first step of `filing_search`."""
    return Filing.objects.filter(_matches(text)).order_by()


def filing_search(queryset: Filings, text: str) -> Filings:
    """The filings of `queryset` whose subject name, registration number or organisation's legal
    name contains `text` (case-insensitive); `queryset` unchanged for blank text.

    Two steps. First the ids of the matching filings, unordered and at most SELECTIVE + 1: the
    trigram indexes answer that by a bitmap scan. Asked in one query with the list's ORDER BY
    and LIMIT, the planner preferred walking the sort index and filtering every row (100 ms at
    100,000 filings for a search with 6 hits, bench/regulator_queue.py). A search that matches
    more than SELECTIVE filings is not selective: then the list's ordered index finds a page
    quickly, and the conditions are applied in the list's own query."""
    text = (text or "").strip()[:MAX_QUERY]
    if not text:
        return queryset
    ids = list(
        Filing.objects.filter(_matches(text))
        .order_by()
        .values_list("pk", flat=True)[: SELECTIVE + 1]
    )
    if len(ids) <= SELECTIVE:
        return queryset.filter(pk__in=ids)
    return queryset.filter(_matches(text))


def filing_organisation_filter(queryset: Filings, text: str) -> Filings:
    """The filings of `queryset` by the organisation whose identifier (slug) is `text`, or whose
    legal name contains it (the organisation filter of the register and the queue)."""
    text = (text or "").strip()[:MAX_QUERY]
    if not text:
        return queryset
    from portal.tenancy.models import Organisation

    organisations = Organisation.objects.filter(Q(slug=text) | Q(legal_name__icontains=text))
    return queryset.filter(_organisation_ids(organisations))
