"""Filter fields every list shares, so a rule about input is written once."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend

from portal.errors import ValidationFailed

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


class StrictFilterBackend(DjangoFilterBackend):
    """The API's filter backend: a filter value the OpenAPI document does not allow is 400
    `validation_failed` naming the parameter, never silently ignored (django-filter reads an
    empty value as "no filter" and anything but a boolean as "unknown"), so that a typo in an
    integrator's query cannot return the whole list as if it were the filtered one."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            errors: dict[str, list[str]] = {}
            for name, declared in filterset.filters.items():
                for value in request.query_params.getlist(name):
                    if value == "":
                        errors[name] = ["Give a value, or leave the parameter out."]
                    elif isinstance(declared, django_filters.BooleanFilter) and value not in (
                        "true",
                        "false",
                    ):
                        errors[name] = ["Either true or false."]
            if errors:
                raise ValidationFailed("The filters are not valid.", field_errors=errors)
        return super().filter_queryset(request, queryset, view)
