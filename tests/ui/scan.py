"""Find English left on a page rendered in another language.

Two nets, because each catches what the other cannot:
1. every msgid of our catalogue (locale/<lang>/LC_MESSAGES/django.po) that shows up on the page in
   English: a string marked for translation whose translation is missing or fuzzy;
2. every visible text segment that is the same in the English rendering of the page and in the
   other language: a string nobody marked for translation at all.

What legitimately stays the same is allowed: data (names, e-mail addresses, numbers), strings whose
translation is identical ("System", "LEI"), brand names, and anything inside an element whose
`lang` differs from the page's (the language switcher names each language in itself).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"

# Words that are the same in every language of the portal, or proper names.
ALWAYS_ALLOWED = frozenset({"AI Act", "EUID", "LEI", "VAT", "API", "ISO 3166", "*", "Art 71"})

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip
_HIDDEN = {"script", "style", "template", "noscript"}
_TEXT_ATTRS = ("aria-label", "title", "placeholder", "alt")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|%[sdi]|\{\w*\}")
_DATA = re.compile(
    r"^[\W\d_]*$"  # no letters
    r"|^\S+@\S+\.\w+$"  # an e-mail address
    r"|^https?://\S+$"
)


class _VisibleText(HTMLParser):
    """Collects text a person sees or hears: text nodes, labelling attributes, button values."""

    def __init__(self, page_lang: str, *, every_language: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.every_language = every_language
        self.segments: list[str] = []
        self.languages: list[str] = []  # the language of each segment (its element's lang)
        self._stack: list[tuple[str, bool]] = []  # (tag, hidden-or-foreign)
        self._langs: list[str] = []  # the lang in force inside each element of _stack

    @property
    def _lang(self) -> str:
        return self._langs[-1] if self._langs else self.page_lang

    def _add(self, segment: str) -> None:
        self.segments.append(segment)
        self.languages.append(self._lang)

    @property
    def _skipping(self) -> bool:
        return any(skip for _, skip in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "html":
            return
        lang = attr.get("lang", "")
        # Text marked as no language ("zxx": hashes, column names) is data: the readability
        # checks (every_language) leave it out as the translation scan leaves out other languages.
        skip = (
            (self.every_language and lang == "zxx")
            or tag in _HIDDEN
            or "hidden" in attr
            or attr.get("aria-hidden") == "true"
            or (bool(lang) and lang.split("-")[0] != self.page_lang and not self.every_language)
        )
        if not (skip or self._skipping):
            for name in _TEXT_ATTRS:
                if attr.get(name):
                    self._add(attr[name])
            if tag == "input" and attr.get("type") in {"submit", "button", "reset"}:
                self._add(attr.get("value", ""))
        if tag not in _VOID:
            self._stack.append((tag, skip))
            self._langs.append(lang.split("-")[0] if lang else self._lang)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._stack.pop()
            self._langs.pop()

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                del self._stack[index:]
                del self._langs[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._add(data)


def visible_segments(html: str, page_lang: str, *, every_language: bool = False) -> list[str]:
    """The text a person sees or hears; ``every_language`` keeps text marked as in another
    language too (what the readability checks of tests/ui/readable.py read)."""
    return [segment for segment, _lang in segments_and_languages(html, page_lang, every_language)]


def segments_and_languages(
    html: str, page_lang: str, every_language: bool = True
) -> list[tuple[str, str]]:
    """Each visible segment with the language it is marked as (the page's unless an element's
    ``lang`` says otherwise)."""
    parser = _VisibleText(page_lang, every_language=every_language)
    parser.feed(html)
    parser.close()
    pairs = (
        (" ".join(s.split()), lang)
        for s, lang in zip(parser.segments, parser.languages, strict=True)
    )
    return [(s, lang) for s, lang in pairs if s]


@dataclass(frozen=True)
class Catalogue:
    lang: str
    english: tuple[str, ...]  # msgids whose translation differs from the English
    identical: frozenset[str]  # msgids translated by themselves


@cache
def catalogue(lang: str) -> Catalogue:
    english, identical = [], set()
    for po_path in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete:
                continue
            texts = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
            translated = entry.translated() and "fuzzy" not in entry.flags
            if translated and entry.msgstr == entry.msgid:
                identical.add(entry.msgid)
            else:
                english.extend(texts)
    return Catalogue(lang, tuple(english), frozenset(identical))


def _fragments(msgid: str) -> list[str]:
    """The literal parts of a msgid between its placeholders."""
    return [f.strip(" .,:;") for f in _PLACEHOLDER.split(msgid) if f.strip(" .,:;")]


@dataclass
class Finding:
    text: str
    why: str

    def __str__(self) -> str:
        return f"{self.text!r} ({self.why})"


@dataclass
class UntranslatedScan:
    lang: str
    allowed: set[str] = field(default_factory=set)

    def allows(self, segment: str) -> bool:
        cat = catalogue(self.lang)
        return (
            bool(_DATA.match(segment))
            or segment in ALWAYS_ALLOWED
            or segment in cat.identical
            or segment in self.allowed
            or any(segment == a or segment.startswith(a + " ") for a in self.allowed)
        )

    def findings(self, translated_html: str, english_html: str | None = None) -> list[Finding]:
        segments = visible_segments(translated_html, self.lang)
        text = "\n".join(segments)
        found: dict[str, Finding] = {}
        seg_set = set(segments)
        for msgid in catalogue(self.lang).english:
            if msgid in ALWAYS_ALLOWED:
                continue
            parts = _fragments(msgid)
            whole = " ".join(msgid.split())
            if whole in seg_set or (
                parts and all(len(p) >= 12 and p in text for p in parts) and len(whole) >= 12
            ):
                found.setdefault(whole, Finding(whole, "untranslated msgid"))
        if english_html is not None:
            english = set(visible_segments(english_html, "en"))
            for segment in segments:
                if segment in english and not self.allows(segment) and segment not in found:
                    found[segment] = Finding(segment, "same as in English; not marked?")
        return [f for f in found.values() if not self.allows(f.text)]


def assert_translated(
    translated_html: str, english_html: str | None, lang: str, *, allowed: Iterable[str] = ()
) -> None:
    scan = UntranslatedScan(lang, set(allowed))
    findings = scan.findings(translated_html, english_html)
    assert not findings, f"English left on the {lang} page:\n  " + "\n  ".join(map(str, findings))
