"""The bulk format of AI systems: one object (JSON) or one row (CSV) per system, with the fields
of BULK_FIELDS. The JSON Schema published at /api/v1/systems/bulk/schema.json is generated from
the same serializer that validates an import, so the two cannot disagree.

CSV: a header row naming the columns (any subset of BULK_FIELDS that includes trade_name and
role, in any order), UTF-8, comma-separated. Lists (member_states, art6_3_conditions) are
`;`-separated; booleans are `true` / `false`; dates ISO 8601; an empty cell means "not given".
Export protects cells that a spreadsheet would run as a formula with a leading `'`, which import
removes again, so an export always imports as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from rest_framework import serializers
from rest_framework.parsers import BaseParser

from portal import streaming
from registry.workspace import services
from registry.workspace.models import AISystem
from registry.workspace.services.systems import EVIDENCE_FIELDS

# Evidence is cited by id, which means nothing in another organisation: not part of the format.
BULK_FIELDS: tuple[str, ...] = tuple(f for f in services.SYSTEM_FIELDS if f not in EVIDENCE_FIELDS)
REQUIRED = ("trade_name", "role")
MAX_ROWS = 1000
LIST_SEPARATOR = ";"
_FORMULA_START = ("=", "+", "-", "@")


class BulkSystemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AISystem
        fields = list(BULK_FIELDS)
        validators: list[Any] = []  # uniqueness is the service's, reported per row
        extra_kwargs = {name: {"required": False} for name in BULK_FIELDS if name not in REQUIRED}


# --- the JSON Schema ------------------------------------------------------------------------------


def _field_schema(field: serializers.Field) -> dict[str, Any]:
    schema: dict[str, Any]
    if isinstance(field, serializers.ListField):
        schema = {"type": "array", "items": _field_schema(field.child), "uniqueItems": True}
    elif isinstance(field, serializers.ChoiceField):
        values: list[Any] = list(field.choices)
        if getattr(field, "allow_blank", False):
            values.append("")
        schema = {"enum": values}
    elif isinstance(field, serializers.BooleanField):
        schema = {"type": "boolean"}
    elif isinstance(field, serializers.DateField):
        schema = {"type": "string", "format": "date"}
    elif isinstance(field, serializers.CharField):
        schema = {"type": "string"}
        if field.max_length:
            schema["maxLength"] = field.max_length
        if not field.allow_blank:
            schema["minLength"] = 1
        if isinstance(field, serializers.URLField):
            schema["anyOf"] = [{"format": "uri"}, {"maxLength": 0}]
    else:  # pragma: no cover - a new field type must be mapped before it ships
        raise TypeError(f"no JSON Schema mapping for {type(field).__name__}")
    if getattr(field, "allow_null", False):
        schema = {"anyOf": [schema, {"type": "null"}]}
    label = str(field.label or "")
    if label:
        schema["title"] = label
    return schema


def bulk_json_schema(schema_id: str) -> dict[str, Any]:
    fields = BulkSystemSerializer().fields
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": "AI systems, bulk import and export",
        "description": "An array of AI systems; the fields are the Annex VIII items of "
        "Regulation (EU) 2024/1689 and the conditions of a registration. CSV: the same fields "
        "as columns, lists separated by ';'.",
        "type": "array",
        "maxItems": MAX_ROWS,
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": list(REQUIRED),
            "properties": {name: _field_schema(fields[name]) for name in BULK_FIELDS},
        },
    }


# --- CSV ----------------------------------------------------------------------------------------


class CsvRows(list):
    """Rows as parsed from CSV: strings, to be converted by `csv_row_values`."""


class CSVParser(BaseParser):
    media_type = "text/csv"

    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> CsvRows:
        from rest_framework.exceptions import ParseError

        try:
            text = stream.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ParseError("CSV must be UTF-8.") from None
        if "\x00" in text:
            raise ParseError("CSV must not contain NUL characters.")
        reader = csv.DictReader(io.StringIO(text))
        rows = CsvRows()
        try:
            for row in reader:
                rows.append(row)
        except csv.Error as exc:
            raise ParseError(f"CSV is not valid: {exc}") from None
        rows.header = list(reader.fieldnames or [])  # type: ignore[attr-defined]
        return rows


def csv_row_values(row: dict[str | None, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """A CSV row's cells as the values the serializer expects, and per-field errors."""
    fields = BulkSystemSerializer().fields
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, cell in row.items():
        if name is None or isinstance(cell, list):
            errors["non_field"] = ["The row has more cells than the header has columns."]
            continue
        if cell is None or cell == "":
            continue
        if cell[:1] == "'" and cell[1:2] in _FORMULA_START:
            cell = cell[1:]
        field = fields[name]
        if isinstance(field, serializers.ListField):
            values[name] = [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]
        elif isinstance(field, serializers.BooleanField):
            if cell.strip().lower() not in ("true", "false"):
                errors[name] = ["Write true or false."]
                continue
            values[name] = cell.strip().lower() == "true"
        else:
            values[name] = cell
    return values, errors


def export_rows() -> Iterator[dict[str, Any]]:
    """Every system in the bulk format, oldest first (streamed from the database)."""
    rows = AISystem.objects.order_by("id").values(*BULK_FIELDS)
    for row in rows.iterator(chunk_size=streaming.CHUNK_SIZE):
        yield {
            name: value.isoformat() if hasattr(value, "isoformat") else value
            for name, value in row.items()
        }


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA_START else text


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    return streaming.csv_lines(BULK_FIELDS, rows, _cell)
