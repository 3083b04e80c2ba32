"""The one way the portal writes a file size, in each language (issue 15 item 9).

Sizes are decimal (SI: 1 kB = 1,000 bytes, so the upload limits are 25 MB = 25,000,000 bytes),
with one decimal (none when it is zero) and the language's decimal separator. The unit follows the language's convention: "kB", "MB", "GB" in English and German
(SI symbols; never "KB"), "ko", "Mo", "Go" in French (kilo-octet, the French unit of bytes; "k"
lower-case as SI writes kilo). Below 1 kB: "512 bytes", "512 Byte", "512 octets".

``filesize`` is a built-in template filter (settings TEMPLATES "builtins"), so every template uses
it without ``{% load %}``; Django's own ``filesizeformat`` (binary "KB") is not used. It works
without Django settings too (the standalone PDF renderer): then it writes English.
"""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()

# Units by language; a language not listed writes the SI symbols.
_UNITS: dict[str, tuple[str, str, str]] = {"fr": ("ko", "Mo", "Go")}
_SI = ("kB", "MB", "GB")


def _language() -> str:
    if not settings.configured:
        return "en"
    from django.utils import translation

    return (translation.get_language() or "en").split("-")[0]


def file_size(size: int) -> str:
    """``48213`` -> "48.2 kB" (en), "48,2 kB" (de), "48,2 ko" (fr)."""
    units = _UNITS.get(_language(), _SI)
    for unit, factor in zip(reversed(units), (10**9, 10**6, 10**3), strict=True):
        if size >= factor:
            return f"{_decimal(size / factor)} {unit}"
    return byte_count(size)


def byte_count(size: int) -> str:
    """``48213`` -> "48,213 bytes" (en), "48.213 Byte" (de), "48 213 octets" (fr)."""
    if not settings.configured:
        return f"{size:,} byte" + ("" if size == 1 else "s")
    from django.utils import formats
    from django.utils.translation import ngettext

    number = formats.number_format(size, force_grouping=True)
    return ngettext("%(count)s byte", "%(count)s bytes", size) % {"count": number}


def _decimal(value: float) -> str:
    """One decimal, none when it is zero: "48.2", "25"."""
    places = 0 if round(value, 1) == round(value) else 1
    if not settings.configured:
        return f"{value:.{places}f}"
    from django.utils import formats

    return formats.number_format(round(value, places), places)


@register.filter(name="filesize")
def filesize(size: object) -> str:
    """A number of bytes as the portal writes a size; anything else as it is."""
    if isinstance(size, bool) or not isinstance(size, int):
        return "" if size is None else str(size)
    return file_size(size)


def count_of(count: int, noun: str) -> str:
    """``3, "item"`` -> "3 items", ``1, "item"`` -> "1 item": for the English of the operators'
    commands and the service admin: a plural in words, never with "(s)" (pages and e-mails use
    ``ngettext``)."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")
