"""What changed in the field a comment concerns, between the version the reviewer commented on
and the version being read (issue 15 item 8): the console shows it next to each comment, so a
reviewer of version 2 sees at once whether the organisation acted on the remarks about version 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from registry import labels
from registry.filings.presentation import display

# Comments on these concern the whole filing or a part that is not one registration field.
_PARTS = {"classification": "classification", "evidence": "evidence"}
_ABSENT = object()


def snapshot_value(snapshot: dict[str, Any], field: str) -> Any:
    """The filed value a comment's ``field`` names: an Annex VIII item (its fields), one field of
    an item, the classification or the evidence list; ``_ABSENT`` for the filing as a whole."""
    if field in _PARTS:
        return snapshot.get(_PARTS[field])
    for item in (snapshot.get("registration") or {}).get("items", []):
        fields = item.get("fields") or {}
        if item.get("code") == field:
            return fields
        if field in fields:
            return fields[field]
    return _ABSENT


@dataclass(frozen=True)
class Change:
    since: int  # the version the comment was written on
    changed: bool
    before: str
    after: str


def change_since(comment: Any, snapshot: dict[str, Any], number: int) -> Change | None:
    """How ``comment``'s field differs in ``snapshot`` (version ``number``) from the version the
    comment was written on; None for a comment on the version being read itself, or on the
    filing as a whole (no single value to compare)."""
    since = comment.version.number
    if since >= number:
        return None
    before = snapshot_value(comment.version.snapshot, comment.field)
    after = snapshot_value(snapshot, comment.field)
    if before is _ABSENT and after is _ABSENT:
        return None
    before = None if before is _ABSENT else before
    after = None if after is _ABSENT else after
    # Codes (a status, member states) as their labels, as the record above shows them.
    return Change(
        since=since,
        changed=before != after,
        before=display(labels.field_value(comment.field, before)),
        after=display(labels.field_value(comment.field, after)),
    )


@dataclass(frozen=True)
class CommentInContext:
    """A comment as a page shows it: with what changed in its field since (the console) or the
    address where the organisation edits what it concerns (the provider's filing page)."""

    comment: Any  # ReviewComment
    change: Change | None = None
    edit_url: str = ""

    @property
    def field(self) -> str:
        return str(self.comment.field)
