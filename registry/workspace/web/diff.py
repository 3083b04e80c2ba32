"""Field-by-field comparison of two filed versions' registration items.

A correction is a new version, never an edit (Art 49, ARCHITECTURE.md), so "what changed" is
answered by comparing the snapshots: item by item (Annex VIII code), field by field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from registry.labels import ANNEX_VIII_ITEM, FIELD, field_value
from registry.workspace.choices import CoPChapter
from registry.workspace.web.forms_gpai import MDF_SECTION_TITLES

CHANGED, ADDED, REMOVED, SAME = "changed", "added", "removed", "same"
EMPTY = (None, "", [], {})


@dataclass(frozen=True)
class FieldDiff:
    name: str
    old: Any
    new: Any
    change: str  # changed | added | removed | same


@dataclass
class ItemDiff:
    code: str
    title: str
    fields: list[FieldDiff] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(f.change != SAME for f in self.fields)


def _items(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    registration = snapshot.get("registration") or {}
    return {item.get("code", ""): item for item in registration.get("items", [])}


def _change(old: Any, new: Any) -> str:
    if old == new:
        return SAME
    if old in EMPTY:
        return ADDED
    if new in EMPTY:
        return REMOVED
    return CHANGED


def snapshot_diff(old: dict[str, Any], new: dict[str, Any]) -> list[ItemDiff]:
    """Every registration item of either snapshot, in the newer one's order, with each field's
    old and new value. Items or fields present on one side only count as added or removed."""
    old_items, new_items = _items(old), _items(new)
    codes = list(new_items) + [code for code in old_items if code not in new_items]
    result: list[ItemDiff] = []
    for code in codes:
        before = old_items.get(code) or {}
        after = new_items.get(code) or {}
        old_fields = before.get("fields") or {}
        new_fields = after.get("fields") or {}
        names = list(new_fields) + [name for name in old_fields if name not in new_fields]
        item = ItemDiff(code=code, title=after.get("title") or before.get("title") or code)
        for name in names:
            old_value, new_value = old_fields.get(name), new_fields.get(name)
            item.fields.append(FieldDiff(name, old_value, new_value, _change(old_value, new_value)))
        result.append(item)
    return result


def diff_counts(items: list[ItemDiff]) -> dict[str, int]:
    counts = {CHANGED: 0, ADDED: 0, REMOVED: 0}
    for item in items:
        for entry in item.fields:
            if entry.change in counts:
                counts[entry.change] += 1
    return counts


# --- presenting snapshot values ------------------------------------------------------------


def display(value: Any) -> str:
    """A snapshot or form value as one line of text ("—" for nothing)."""
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return ", ".join(display(v) for v in value)
    if isinstance(value, dict) and value.get("filename"):  # a cited evidence file
        sha = str(value.get("sha256") or "")[:12]
        return f"{value['filename']} (SHA-256 {sha}…)" if sha else str(value["filename"])
    if isinstance(value, dict):
        return "; ".join(f"{k}: {display(v)}" for k, v in value.items())
    return str(value)


def item_title(code: str, fallback: str) -> str:
    """The translated title of a registration item (Annex VIII, MDF section, CoP chapter)."""
    if code in ANNEX_VIII_ITEM:
        return str(ANNEX_VIII_ITEM[code])
    if code.startswith("MDF") and code[3:].isdigit():
        return str(MDF_SECTION_TITLES.get(int(code[3:]), fallback))
    if code.startswith("CoP-") and code[4:] in CoPChapter.values:
        return str(CoPChapter(code[4:]).label)
    return fallback


def field_label(name: str) -> str:
    """The translated label of a registration field (the workspace's wording of it); fields
    the workspace has no wording for get a readable form of their key, never the key itself."""
    from registry.filings.presentation import label

    translated = FIELD.get(name)
    return str(translated) if translated else label(name)


def field_display(name: str, value: Any) -> str:
    """A registration field's value as one line of text, its codes as translated labels."""
    return display(field_value(name, value))
