"""Filter fields every list shares, so a rule about input is written once."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import QuerySet
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import IsoDateTimeField

from registry.workspace.choices import MemberState

_UTC = datetime.UTC
_EARLIEST = datetime.datetime.min.replace(tzinfo=_UTC)
_LATEST = datetime.datetime.max.replace(tzinfo=_UTC)


class InstantField(IsoDateTimeField):
    """An ISO 8601 date-time with any offset ISO allows (up to ±23:59), as the same instant in
    UTC. PostgreSQL refuses offsets beyond ±15:59 (a 500 before), and a value at the edge of the
    calendar whose UTC instant falls outside it means "before/after everything"."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        parsed = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(_UTC)
        except OverflowError:
            return _EARLIEST if parsed.year < 5000 else _LATEST


class InstantFilter(django_filters.IsoDateTimeFilter):
    """`?name=<ISO 8601 date-time>`; documented as `format: date-time`."""

    field_class = InstantField


class MemberStateFilter(django_filters.ChoiceFilter):
    """`?member_state=DE`: rows whose `member_states` (an array) include that Member State."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=MemberState.choices, field_name="member_states", **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(**{f"{self.field_name}__contains": [value]})
