"""Cursor pagination for every list: stable under inserts (no skipped or repeated rows while an
integrator pages through a growing list) and O(1) per page, unlike offsets."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request


class InvalidCursor(exceptions.APIException):
    status_code = 400
    default_detail = "The cursor is not valid; start again from the first page."
    default_code = "invalid_cursor"


class PortalCursorPagination(CursorPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    # A unique, immutable key: the cursor position is exact. Views may set `cursor_ordering`
    # (a unique field, or ending in one) to page in another order.
    ordering = "-id"

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> tuple[str, ...]:
        ordering = getattr(view, "cursor_ordering", None) or self.ordering
        return (ordering,) if isinstance(ordering, str) else tuple(ordering)

    def decode_cursor(self, request: Request) -> Cursor | None:
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise InvalidCursor() from None
