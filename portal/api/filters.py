"""Filter fields every list shares, so a rule about input is written once."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters.constants import EMPTY_VALUES
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.utils import translate_validation
from drf_spectacular.utils import extend_schema_field

from portal.errors import ValidationFailed
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


class IdField(forms.IntegerField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, min_value=1, max_value=2**63 - 1, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(django_filters.NumberFilter):
    """`?name=<row id>`: a whole number from 1 (documented so), not any decimal."""

    field_class = IdField


class StrictFilterBackend(DjangoFilterBackend):
    """The API's filter backend: a filter value the OpenAPI document does not allow is 400
    `validation_failed` naming the parameter, never silently ignored (django-filter reads an
    empty value as "no filter" and anything but a boolean as "unknown"), so that a typo in an
    integrator's query cannot return the whole list as if it were the filtered one."""

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        # A request that names none of the view's filters is the unfiltered list: no filterset
        # (django-filter deep-copies every filter and form field to build one, a quarter of a
        # list request's time in bench/api_read.py).
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None or not any(
            name in request.query_params for name in filterset_class.base_filters
        ):
            return queryset
        filterset = filterset_class(**self.get_filterset_kwargs(request, queryset, view))
        errors: dict[str, list[str]] = {}
        for name, declared in filterset.filters.items():
            for value in request.query_params.getlist(name):
                # An empty search is no search; an empty id, choice or flag is a mistake.
                if value == "" and type(declared) is not django_filters.CharFilter:
                    errors[name] = [_("Give a value, or leave the parameter out.")]
                elif isinstance(declared, django_filters.BooleanFilter) and value not in (
                    "true",
                    "false",
                ):
                    errors[name] = [_("Either true or false.")]
        if errors:
            raise ValidationFailed(_("The filters are not valid."), field_errors=errors)
        # One filterset, validated above and applied here (the parent class would build a second).
        if not filterset.is_valid() and self.raise_exception:
            raise translate_validation(filterset.errors)
        return filterset.qs
