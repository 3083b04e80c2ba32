"""What a person reads: no internal names, one date format and one size format per language
(issue 15 items 1 and 9).

Three checks over text (a page's visible text, a PDF's extracted text, an e-mail):
- internal names: a snake_case word (``high_risk``, ``amended_2026_1744``, ``art_5``,
  ``provider_name``), a text that is exactly a code of the label table (``public``, ``gpai``),
  or the word "Slug";
- dates: every date is in the language's one format (portal/formats: 2 December 2026,
  2. Dezember 2026, 2 décembre 2026); 2026-12-02, 02/12/2026, 02.12.2026 or another language's
  month are findings;
- sizes: the language's units (kB, MB, GB in English and German; ko, Mo, Go in French,
  portal/formatting.py); "KB" anywhere is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from tests.ui.scan import segments_and_languages

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
}
_MONTH_WORDS = {word.lower() for words in MONTHS.values() for word in words.split()}
_NUMERIC_DATE = re.compile(r"(?<![\w.:/-])\d{1,4}[./-]\d{1,2}[./-]\d{2,4}(?![\w/-]|\.\d)")
_WORD_DATE = re.compile(r"(?<![\w.])(\d{1,2})(\.?) ([^\W\d_]+) (\d{4})(?!\w)")
_SIZE = re.compile(r"(?<![\w.,])\d[\d.,\u202f\xa0 ]*\s?(KB|kB|MB|GB|Ko|ko|Mo|Go|KiB|MiB|GiB)(?!\w)")
UNITS = {"en": {"kB", "MB", "GB"}, "de": {"kB", "MB", "GB"}, "fr": {"ko", "Mo", "Go"}}
_SNAKE = re.compile(r"(?<![\w@./:#=%-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/=-]|\.\w)")
_SLUG = re.compile(r"\bSlug\b")


@cache
def codes() -> frozenset[str]:
    """Every code of the label table and of the register's choices, as a person must never
    read it on its own."""
    from registry import labels
    from registry.register.models import FilingKind, FilingStatus

    found: set[str] = set(FilingKind.values) | set(FilingStatus.values)
    for value in vars(labels).values():
        if isinstance(value, dict):
            found.update(key for key in value if isinstance(key, str))
    return frozenset(code for code in found if code.islower())


def internal_names(segments: Iterable[str]) -> list[str]:
    found = []
    for segment in segments:
        if segment in codes():
            found.append(segment)
        found += _SNAKE.findall(segment) + _SLUG.findall(segment)
    return found


def misformatted(segments: Iterable[str], lang: str) -> list[str]:
    """Dates and sizes not in ``lang``'s one format."""
    months = [m.lower() for m in MONTHS[lang].split()]
    found = []
    for segment in segments:
        found += [m.group(0) for m in _NUMERIC_DATE.finditer(segment)]
        for match in _WORD_DATE.finditer(segment):
            _day, dot, month, _year = match.groups()
            if month.lower() not in _MONTH_WORDS:
                continue
            if month.lower() not in months or bool(dot) != (lang == "de"):
                found.append(match.group(0))
        found += [m.group(0) for m in _SIZE.finditer(segment) if m.group(1) not in UNITS[lang]]
    return found


def findings(segments: Iterable[tuple[str, str]], *, codes_allowed: bool = False) -> list[str]:
    """What is wrong in (segment, language) pairs; a segment marked as in another language
    (a filed English sentence on a German page) is held to that language's formats."""
    pairs = list(segments)
    names = [] if codes_allowed else internal_names(s for s, _lang in pairs)
    problems = [f"internal name {n!r}" for n in names]
    for segment, lang in pairs:
        lang = lang if lang in MONTHS else "en"
        problems += [f"not the {lang} format: {d!r}" for d in misformatted([segment], lang)]
    return problems


def assert_readable_page(
    html: str, lang: str, where: object = "", *, codes_allowed: bool = False
) -> None:
    problems = findings(segments_and_languages(html, lang), codes_allowed=codes_allowed)
    assert not problems, f"{where} ({lang}):\n  " + "\n  ".join(problems)


def assert_readable_text(text: str, lang: str, where: object = "") -> None:
    problems = findings((line, lang) for line in text.splitlines())
    assert not problems, f"{where} ({lang}):\n  " + "\n  ".join(problems)
