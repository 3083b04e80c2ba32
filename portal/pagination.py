"""Keyset (cursor) pagination, shared by every web list and the API (decision 0006).

A page is "the `size` rows after (or before) this row in this order": the database seeks in an
index on the sort key instead of counting past `OFFSET` rows, so page 400 costs what page 1 costs
and a row inserted meanwhile neither repeats nor skips another. A sort is a tuple of non-null
model fields whose last one is unique (usually ``id``); a cursor is the sort key of the row at the
page's edge, opaque to clients (URL-safe base64 of JSON).

The total is cheap: counted exactly up to ``COUNT_EXACT_UP_TO`` rows, above that the planner's
estimate (labelled "about"), both in one statement (``public.portal_row_estimate``, migration
tenancy/0002), so every list runs the same number of queries whatever its length.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
PAGE_SIZES = (25, 50, 100, 200)
COUNT_EXACT_UP_TO = 1000
CURSOR_PARAM = "cursor"
SIZE_PARAM = "page_size"
SORT_PARAM = "sort"
EXPORT_CHUNK_SIZE = 1000  # rows an export reads at a time (portal.streaming.CHUNK_SIZE)


class InvalidCursor(ValueError):
    """A cursor that was not made by us, or for another sort."""


@dataclass(frozen=True)
class Sort:
    """One way to order a list: ``key`` is its value in the URL; ``fields`` the ORM ordering
    (``-`` for descending), whose last field is unique so that the key names exactly one row."""

    key: str
    label: Any
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Total:
    value: int
    exact: bool


@dataclass
class Page:
    rows: list[Any]
    size: int
    sort: str
    next_cursor: str | None
    previous_cursor: str | None
    total: Total | None = None
    params: dict[str, str] = field(default_factory=dict)  # the list's filters, kept in links
    invalid_cursor: bool = False

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        query = {k: v for k, v in self.params.items() if v not in ("", None)}
        query[CURSOR_PARAM] = cursor
        return "?" + urlencode(query)

    @property
    def next_link(self) -> str | None:
        return self._link(self.next_cursor)

    @property
    def previous_link(self) -> str | None:
        return self._link(self.previous_cursor)

    @property
    def first_link(self) -> str:
        query = {k: v for k, v in self.params.items() if v not in ("", None)}
        return "?" + urlencode(query) if query else "?"

    @property
    def has_other_pages(self) -> bool:
        return self.next_cursor is not None or self.previous_cursor is not None


# --- cursors ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date | UUID | Decimal):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return value


def encode_cursor(values: Sequence[Any], *, backwards: bool, sort: str) -> str:
    payload = {"k": [_plain(v) for v in values], "b": int(backwards), "s": sort}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, *, sort: Sort, model: Any) -> tuple[list[Any], bool]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
        values, backwards, sort_key = payload["k"], bool(payload["b"]), payload["s"]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
        raise InvalidCursor(cursor) from exc
    if sort_key != sort.key or not isinstance(values, list) or len(values) != len(sort.fields):
        raise InvalidCursor(cursor)
    out = []
    for name, value in zip(sort.fields, values, strict=True):
        try:
            model_field = model._meta.get_field(name.lstrip("-"))
        except FieldDoesNotExist:  # an annotation: the lookup converts the value
            model_field = None
        if value is None or isinstance(value, dict | list):
            raise InvalidCursor(cursor)
        try:
            out.append(model_field.to_python(value) if model_field else value)
        except Exception as exc:  # a ValidationError, or a type the field refuses
            raise InvalidCursor(cursor) from exc
    return out, backwards


def _key_of(row: Any, sort: Sort) -> list[Any]:
    names = [name.lstrip("-") for name in sort.fields]
    if isinstance(row, Mapping):
        return [row[name] for name in names]
    return [getattr(row, name) for name in names]


def _after(sort: Sort, values: Sequence[Any], *, backwards: bool) -> Q:
    """Rows strictly after ``values`` in ``sort`` (before, when ``backwards``). The first field's
    inclusive bound is repeated on its own so the planner can seek the index with it."""
    terms = []
    for index, name in enumerate(sort.fields):
        column = name.lstrip("-")
        descending = name.startswith("-") != backwards
        term = Q(**{f"{column}__{'lt' if descending else 'gt'}": values[index]})
        for previous, value in zip(sort.fields[:index], values[:index], strict=True):
            term &= Q(**{previous.lstrip("-"): value})
        terms.append(term)
    first = sort.fields[0].lstrip("-")
    first_descending = sort.fields[0].startswith("-") != backwards
    bound = Q(**{f"{first}__{'lte' if first_descending else 'gte'}": values[0]})
    either = terms[0]
    for term in terms[1:]:
        either |= term
    return bound & either


def _reversed(fields: Sequence[str]) -> list[str]:
    return [name[1:] if name.startswith("-") else f"-{name}" for name in fields]


def page_size_of(value: Any, default: int = DEFAULT_PAGE_SIZE) -> int:
    """The page size asked for, within 1..MAX_PAGE_SIZE (anything unreadable: the default)."""
    try:
        size = int(value)
    except (TypeError, ValueError):
        return default
    return max(1, min(size, MAX_PAGE_SIZE))


def keyset_page(
    queryset: QuerySet[Any],
    *,
    sort: Sort,
    cursor: str | None = None,
    size: int = DEFAULT_PAGE_SIZE,
) -> tuple[list[Any], str | None, str | None]:
    """The rows of one page and the cursors of its neighbours (None at either end): one query."""
    model = queryset.model
    backwards = False
    if cursor:
        values, backwards = decode_cursor(cursor, sort=sort, model=model)
        queryset = queryset.filter(_after(sort, values, backwards=backwards))
    ordering = _reversed(sort.fields) if backwards else list(sort.fields)
    rows = list(queryset.order_by(*ordering)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    if not rows:
        return rows, None, None
    first, last = _key_of(rows[0], sort), _key_of(rows[-1], sort)
    next_cursor: str | None
    previous_cursor: str | None
    if backwards:
        next_cursor = encode_cursor(last, backwards=False, sort=sort.key)
        previous_cursor = encode_cursor(first, backwards=True, sort=sort.key) if more else None
    else:
        next_cursor = encode_cursor(last, backwards=False, sort=sort.key) if more else None
        previous_cursor = encode_cursor(first, backwards=True, sort=sort.key) if cursor else None
    return rows, next_cursor, previous_cursor


# --- totals ----------------------------------------------------------------------------------


def cheap_count(queryset: QuerySet[Any], *, exact_up_to: int = COUNT_EXACT_UP_TO) -> Total:
    """How many rows ``queryset`` has: exact up to ``exact_up_to``, else the planner's estimate
    (never below what was counted). One statement either way."""
    inner = queryset.order_by().values("pk")[: exact_up_to + 1]
    estimate_of = queryset.order_by().values("pk")
    connection = connections[queryset.db]
    try:
        sql, params = inner.query.sql_with_params()
        estimate_sql, estimate_params = estimate_of.query.sql_with_params()
    except EmptyResultSet:  # .none(): nothing to count, no query to run
        return Total(0, True)
    with connection.cursor() as cursor:
        # PostgreSQL's operations quote with the driver (psycopg), as the server would bind.
        literal = connection.ops.compose_sql(estimate_sql, estimate_params)  # type: ignore[attr-defined]
        cursor.execute(
            f"SELECT n, CASE WHEN n > %s THEN public.portal_row_estimate(%s) END "  # noqa: S608
            f"FROM (SELECT count(*) AS n FROM ({sql}) AS page) AS counted",
            [exact_up_to, literal, *params],
        )
        counted, estimate = cursor.fetchone()
    if estimate is None:
        return Total(counted, True)
    return Total(max(int(estimate), counted), False)


# --- the web side ------------------------------------------------------------------------------

SIZE_LABEL = _("Rows per page")
SORT_LABEL = _("Sort by")


def chosen_sort(request: Any, sorts: Sequence[Sort]) -> Sort:
    """The sort the request's ``sort`` names (unknown or absent: the list's first)."""
    by_key = {s.key: s for s in sorts}
    return by_key.get(request.GET.get(SORT_PARAM, ""), sorts[0])


def all_rows(request: Any, queryset: QuerySet[Any], *, sorts: Sequence[Sort]) -> Iterator[Any]:
    """Every row of ``queryset`` in the request's sort, read from a server-side cursor a chunk
    at a time: what an export of the current list writes (the same filters, the same order)."""
    sort = chosen_sort(request, sorts)
    return queryset.order_by(*sort.fields).iterator(chunk_size=EXPORT_CHUNK_SIZE)


def paginate(
    request: Any,
    queryset: QuerySet[Any],
    *,
    sorts: Sequence[Sort],
    params: Mapping[str, Any] | None = None,
    count: bool = True,
    default_size: int = DEFAULT_PAGE_SIZE,
) -> Page:
    """One page of ``queryset`` as the request's ``sort``, ``page_size`` and ``cursor`` ask
    (unknown values fall back to the first sort and the default size; a cursor that is not ours
    shows the first page and says so). ``params`` are the list's filters, kept in every link."""
    get = request.GET
    sort = chosen_sort(request, sorts)
    size = page_size_of(get.get(SIZE_PARAM), default_size)
    kept = {k: str(v) for k, v in (params or {}).items() if v not in ("", None)}
    if sort is not sorts[0]:
        kept[SORT_PARAM] = sort.key
    if size != default_size:
        kept[SIZE_PARAM] = str(size)
    invalid = False
    try:
        rows, next_cursor, previous_cursor = keyset_page(
            queryset, sort=sort, cursor=get.get(CURSOR_PARAM) or None, size=size
        )
    except InvalidCursor:
        invalid = True
        rows, next_cursor, previous_cursor = keyset_page(queryset, sort=sort, size=size)
    total = cheap_count(queryset) if count else None
    return Page(
        rows=rows,
        size=size,
        sort=sort.key,
        next_cursor=next_cursor,
        previous_cursor=previous_cursor,
        total=total,
        params=kept,
        invalid_cursor=invalid,
    )


def form_params(form: Any) -> dict[str, str]:
    """A valid filter form's values as URL parameters (an invalid one filters nothing)."""
    if not form.is_bound or not form.is_valid():
        return {}
    out = {}
    for name, value in form.cleaned_data.items():
        if value in ("", None, [], False):
            continue
        if hasattr(value, "pk"):  # a model choice: its id, as the form reads it back
            out[name] = str(value.pk)
        else:
            out[name] = value.isoformat() if isinstance(value, date) else str(value)
    return out


def list_controls(page: Page, sorts: Sequence[Sort]) -> dict[str, Any]:
    """What the list-controls partial shows: the sort and page-size choices, selected."""
    return {
        "sort_choices": [(s.key, s.label) for s in sorts],
        "size_choices": PAGE_SIZES,
        "page": page,
    }
