"""List pages serialised from `.values()` rows with a plan built once from a DRF serializer.

A ModelSerializer builds its fields on every request and walks 50 model instances field by field
through `get_attribute`; for a page of systems that was over half the API's time
(bench/api_read.py). `RowPlan` reads the serializer's fields once, at first use, and turns each
`.values()` row into exactly what the serializer would have written (tests/api/test_rows.py
compares the two): the serializer stays the one description of the output and of the OpenAPI
document, the plan only makes it cheap.

Supported: model fields, primary-key relations (the id) and nested model serializers (one level,
`allow_null`). A `SerializerMethodField` or a custom source is refused when the plan is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework import ISO_8601, serializers
from rest_framework.settings import api_settings

# Representations that return a value read from the database unchanged (str for CharField and
# its subclasses, bool, int, JSON that is not binary); anything else is converted by the field.
_AS_IS = {
    serializers.BooleanField.to_representation,
    serializers.CharField.to_representation,
    serializers.IntegerField.to_representation,
    serializers.JSONField.to_representation,
}


class _IsoDateTime:
    """DRF's DateTimeField in ISO 8601 (the portal's format) without its per-value look-ups of
    the format and the current time zone: the zone is read once per page (`RowPlan.dump`).
    Values the database hands back are aware; anything else goes through the field itself."""

    def __init__(self, field: serializers.DateTimeField) -> None:
        self.field = field

    def __call__(self, value: Any, zone: Any) -> Any:
        if zone is None or getattr(value, "tzinfo", None) is None:
            return self.field.to_representation(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text


def _converter(field: serializers.Field) -> Callable[..., Any] | _IsoDateTime | None:
    """None when a value from the database is already its representation."""
    method = type(field).to_representation
    if (
        method is serializers.DateTimeField.to_representation
        and not hasattr(field, "timezone")
        and str(getattr(field, "format", api_settings.DATETIME_FORMAT)).lower() == ISO_8601
    ):
        return _IsoDateTime(field)  # type: ignore[arg-type]
    if isinstance(field, serializers.JSONField) and field.binary:
        return field.to_representation
    if method in _AS_IS:
        return None
    if method is serializers.ChoiceField.to_representation and all(
        isinstance(key, str) for key in getattr(field, "choices", {})
    ):
        return None  # string choices map to themselves
    if isinstance(field, serializers.ListField) and _converter(field.child) is None:
        return list
    return field.to_representation


class RowPlan:
    def __init__(self, serializer_class: type[serializers.Serializer]) -> None:
        self.serializer_class = serializer_class
        self._built: tuple[list[str], tuple[tuple, tuple]] | None = None

    def _build(self, serializer: Any, prefix: str) -> tuple[list[str], list]:
        columns: list[str] = []
        steps: list[tuple[str, Any, Any]] = []
        for name, field in serializer.fields.items():
            if field.write_only:
                continue
            if isinstance(field, serializers.SerializerMethodField):
                raise TypeError(f"{name}: a method field cannot be served from .values()")
            if field.source != name:
                raise TypeError(f"{name}: a field with its own source is not supported")
            column = f"{prefix}{name}"
            if isinstance(field, serializers.BaseSerializer):
                if prefix:
                    raise TypeError(f"{name}: one level of nesting only")
                inner_columns, inner_steps = self._build(field, f"{column}__")
                columns.append(column)  # the foreign key: None means no related row
                columns.extend(inner_columns)
                steps.append((name, column, inner_steps))
                continue
            columns.append(column)
            if isinstance(field, serializers.PrimaryKeyRelatedField):
                steps.append((name, column, None))
            else:
                steps.append((name, column, _converter(field)))
        return columns, steps

    @staticmethod
    def _compile(steps: list) -> tuple[tuple, tuple]:
        """(every (name, column) in the serializer's order, only the steps that convert)."""
        return (
            tuple((name, column) for name, column, _convert in steps),
            tuple(
                (name, RowPlan._compile(convert) if isinstance(convert, list) else convert)
                for name, _column, convert in steps
                if convert is not None
            ),
        )

    @staticmethod
    def _apply(plan: tuple[tuple, tuple], row: dict[str, Any], zone: Any) -> dict[str, Any]:
        # Every value copied first, in the serializer's order (a dict keeps a key's place when
        # it is overwritten), then only the fields that need converting: most need none.
        copied, converting = plan
        out = {name: row[column] for name, column in copied}
        for name, convert in converting:
            value = out[name]
            if value is None:
                continue
            if isinstance(convert, tuple):  # a nested serializer; None: no related row
                out[name] = RowPlan._apply(convert, row, zone)
            elif isinstance(convert, _IsoDateTime):
                out[name] = convert(value, zone)
            else:
                out[name] = convert(value)
        return out

    def _plan(self) -> tuple[list[str], tuple[tuple, tuple]]:
        if self._built is None:
            columns, steps = self._build(self.serializer_class(), "")
            self._built = (columns, self._compile(steps))
        return self._built

    @property
    def columns(self) -> list[str]:
        """What to pass to `.values()`."""
        return self._plan()[0]

    def dump(self, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        plan = self._plan()[1]
        zone = timezone.get_current_timezone() if settings.USE_TZ else None
        return [self._apply(plan, row, zone) for row in rows]
