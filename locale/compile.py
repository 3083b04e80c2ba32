"""Compile every locale/<lang>/LC_MESSAGES/*.po to its .mo with polib: no GNU gettext needed.

    .venv/bin/python locale/compile.py          # after editing a .po; commit both files

`manage.py compilemessages` (GNU msgfmt) gives an equivalent .mo; tests/ui/test_locale_files.py
fails when a committed .mo does not match its .po.
"""

from __future__ import annotations

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent


def compile_all() -> list[Path]:
    written = []
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"wrote {path.relative_to(LOCALE_DIR.parent)}")
