"""The filed record of one version, prepared for the console and the public pages.

Values are formatted exactly as in the PDF (registry.filings.presentation), so what a reviewer
reads on screen is what the PDF says. Item titles and field names are translated where the portal
knows them (the Annex VIII items, the workspace's field names); anything else keeps the record's
own English label and is marked lang="en" by the templates.
"""

from __future__ import annotations

from typing import Any

from registry import labels
from registry.filings.presentation import filing_context, label

GENERAL_FIELDS = ("general", "classification", "evidence")


def field_label(key: str) -> tuple[str, bool]:
    """(label, translated?) of a snapshot field key: the workspace's wording of the field where
    it has one (the Annex VIII item is the heading above it)."""
    translated = labels.FIELD.get(key)
    return (str(translated), True) if translated else (label(key), False)


def item_title(code: str, title: str) -> tuple[str, bool]:
    translated = labels.ANNEX_VIII_ITEM.get(code) or labels.TRAINING_SUMMARY_ITEM.get(code)
    return (str(translated), True) if translated else (title, False)


def record(snapshot: dict[str, Any], *, sha256: str, comments: list | None = None) -> dict:
    """filing_context plus translated labels and the comments on each field."""
    context = filing_context(snapshot, sha256=sha256)
    by_field: dict[str, list] = {}
    for comment in comments or []:
        by_field.setdefault(comment.field, []).append(comment)
    for item in context["items"]:
        item["title"], item["title_translated"] = item_title(item["code"], item["title"])
        item["comments"] = by_field.get(item["code"], [])
        for row in item["fields"]:
            row["label"], row["translated"] = field_label(row["key"])
            row["comments"] = by_field.get(row["key"], [])
    context["general_comments"] = {name: by_field.get(name, []) for name in GENERAL_FIELDS}
    return context


def field_choices(snapshot: dict[str, Any]) -> list[tuple[str, str]]:
    """What a reviewer may comment on: each item, each of its fields, and the general parts."""
    from django.utils.translation import gettext as _

    choices: list[tuple[str, str]] = [
        ("general", _("The filing as a whole")),
        ("classification", _("Classification")),
        ("evidence", _("Evidence")),
    ]
    for item in (snapshot.get("registration") or {}).get("items", []):
        code = str(item.get("code", ""))
        title, _translated = item_title(code, str(item.get("title", "")))
        choices.append((code, f"{code} {title}"))
        for key in item.get("fields") or {}:
            choices.append((key, f"{code} {title} · {field_label(key)[0]}"))
    return choices
