"""Reading parts of a filed snapshot (the structure `registry.filings.canonical` documents).

Plain Python over the snapshot's JSON, so the register (console, public register) and the
workspace (what changed since the last declaration) read it the same way without importing
each other.
"""

from __future__ import annotations

from typing import Any


def declaration_chapters(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Code of Practice declaration: chapter -> the declaration's fields for it (status,
    status_date, signatory ...)."""
    chapters = {}
    for item in (snapshot.get("registration") or {}).get("items", []):
        code = str(item.get("code", ""))
        if code.startswith("CoP-"):
            chapters[code.removeprefix("CoP-")] = item.get("fields") or {}
    return chapters
