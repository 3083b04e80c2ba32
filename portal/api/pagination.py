"""Cursor pagination for every API list: the portal's keyset pagination (portal/pagination.py,
decision 0006), the same the web lists use. Stable under inserts (no skipped or repeated rows
while an integrator pages through a growing list) and O(1) per page, unlike offsets.

DRF's CursorPagination is kept as the base only for its OpenAPI description (the `cursor` and
`page_size` parameters, the `{next, previous, results}` envelope); the paging itself is ours.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.utils.urls import remove_query_param, replace_query_param

from portal import pagination
from portal.errors import ValidationFailed


class InvalidCursor(exceptions.APIException):
    status_code = 400
    default_detail = "The cursor is not valid; start again from the first page."
    default_code = "invalid_cursor"


class PortalCursorPagination(CursorPagination):
    page_size = pagination.DEFAULT_PAGE_SIZE
    max_page_size = pagination.MAX_PAGE_SIZE
    page_size_query_param = pagination.SIZE_PARAM
    cursor_query_param = pagination.CURSOR_PARAM
    # A unique, immutable key: the cursor position is exact. Views may set `cursor_ordering`
    # (a unique field, or fields ending in one, none of them null) to page in another order.
    ordering = "-id"

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> tuple[str, ...]:
        ordering = getattr(view, "cursor_ordering", None) or self.ordering
        return (ordering,) if isinstance(ordering, str) else tuple(ordering)

    def get_page_size(self, request: Request) -> int:
        # The web lists forgive a bad page size; an integrator is told, as the document says.
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return type(self).page_size
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= self.max_page_size:
            raise ValidationFailed(
                _("The page size is not valid."),
                field_errors={
                    self.page_size_query_param: [
                        _("A whole number from 1 to %(most)d.") % {"most": self.max_page_size}
                    ]
                },
            )
        return int(value)

    def paginate_queryset(
        self,
        queryset: Any,
        request: Request,
        view: Any = None,
        ordering: tuple[str, ...] | None = None,
    ) -> list[Any]:
        """One page of `queryset`; `ordering` (a unique key, as for `cursor_ordering`) pages a
        list inside an action in its own order instead of the view's."""
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        fields = ordering or self.get_ordering(request, queryset, view)
        sort = pagination.Sort(",".join(fields), "", fields)
        try:
            rows, self._next, self._previous = pagination.keyset_page(
                queryset,
                sort=sort,
                cursor=request.query_params.get(self.cursor_query_param) or None,
                size=self.page_size,
            )
        except pagination.InvalidCursor:
            raise InvalidCursor() from None
        self.page = rows
        return rows

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = (
                    f"Rows per page, 1 to {self.max_page_size} (default {type(self).page_size}); "
                    "anything else is 400 validation_failed."
                )
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": type(self).page_size,
                }
            elif parameter["name"] == self.cursor_query_param:
                parameter["description"] = (
                    "Opaque: take it from `next` or `previous`; any other value is 400 "
                    "invalid_cursor."
                )
        return parameters

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        return replace_query_param(self.base_url or "", self.cursor_query_param, cursor)

    def get_next_link(self) -> str | None:
        return self._link(self._next)

    def get_previous_link(self) -> str | None:
        return self._link(self._previous)

    def first_link(self) -> str:
        return remove_query_param(self.base_url or "", self.cursor_query_param)
