"""The committed .mo files say what their .po files say (a fresh clone has no msgfmt to rebuild
them). After editing a .po: `.venv/bin/python locale/compile.py`, and commit both."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
PO_FILES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def _messages(entries) -> dict[tuple[str | None, str], object]:  # type: ignore[no-untyped-def]
    result: dict[tuple[str | None, str], object] = {}
    for entry in entries:
        if not entry.msgid:
            continue  # the header; compared through its Plural-Forms below
        if entry.obsolete or "fuzzy" in entry.flags or not _translated(entry):
            continue  # msgfmt leaves these out of the .mo
        value = dict(entry.msgstr_plural) if entry.msgid_plural else entry.msgstr
        result[(entry.msgctxt, entry.msgid)] = value
    return result


def _translated(entry) -> bool:  # type: ignore[no-untyped-def]
    if entry.msgid_plural:
        return all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def test_every_language_has_a_catalogue() -> None:
    assert {p.parts[-3] for p in PO_FILES} >= {"de", "fr"}


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parts[-3])
def test_mo_matches_po(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run .venv/bin/python locale/compile.py"
    po, mo = polib.pofile(str(po_path)), polib.mofile(str(mo_path))
    assert _messages(mo) == _messages(po), (
        f"{mo_path.name} is out of date with {po_path.name}: run .venv/bin/python locale/compile.py"
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parts[-3])
def test_catalogue_is_complete_and_placeholders_match(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    assert not untranslated, f"{po_path}: untranslated or fuzzy: {untranslated}"
    placeholder = re.compile(r"%\(\w+\)[sdi]")
    for entry in po.translated_entries():
        # A plural's every form names the same placeholders as the English (the count included).
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            assert sorted(placeholder.findall(entry.msgid)) == sorted(placeholder.findall(form)), (
                po_path,
                entry.msgid,
            )
