"""Filter fields every list shares, so a rule about input is written once."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django_filters.fields import IsoDateTimeField

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
