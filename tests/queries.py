"""Query budgets: count the queries a block runs, leaving out django-tenants' `SET search_path`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


class QueryLog:
    def __init__(self, context: CaptureQueriesContext) -> None:
        self._context = context

    @property
    def statements(self) -> list[str]:
        return [
            q["sql"]
            for q in self._context.captured_queries
            if not q["sql"].upper().startswith("SET SEARCH_PATH")
        ]

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries() -> Iterator[QueryLog]:
    with CaptureQueriesContext(connection) as context:
        yield QueryLog(context)
