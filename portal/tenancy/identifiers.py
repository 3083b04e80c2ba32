"""Formats of the identifiers an organisation gives: VAT number, EUID, LEI.

Pure functions returning an error message or None, so forms, serializers and services share them.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# VAT identification numbers by member-state prefix (Council Directive 2006/112/EC Art 215; the
# formats published for VIES). Greece uses "EL", Northern Ireland traders "XI".
VAT_FORMATS: dict[str, str] = {
    "AT": r"U\d{8}",
    "BE": r"[01]\d{9}",
    "BG": r"\d{9,10}",
    "CY": r"\d{8}[A-Z]",
    "CZ": r"\d{8,10}",
    "DE": r"\d{9}",
    "DK": r"\d{8}",
    "EE": r"\d{9}",
    "EL": r"\d{9}",
    "ES": r"[A-Z0-9]\d{7}[A-Z0-9]",
    "FI": r"\d{8}",
    "FR": r"[A-HJ-NP-Z0-9]{2}\d{9}",
    "HR": r"\d{11}",
    "HU": r"\d{8}",
    "IE": r"\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W]",
    "IT": r"\d{11}",
    "LT": r"\d{9}|\d{12}",
    "LU": r"\d{8}",
    "LV": r"\d{11}",
    "MT": r"\d{8}",
    "NL": r"\d{9}B\d{2}",
    "PL": r"\d{10}",
    "PT": r"\d{9}",
    "RO": r"[1-9]\d{1,9}",
    "SE": r"\d{10}01",
    "SI": r"\d{8}",
    "SK": r"\d{10}",
    "XI": r"\d{9}|\d{12}|GD\d{3}|HA\d{3}",
}

# EUID (Implementing Regulation (EU) 2021/1042, BRIS): member-state code, business register
# code, a dot, then the registration number in that register. Example: "DEK1101R.HRB116737".
_EUID = re.compile(r"^[A-Z]{2}[A-Z0-9]{1,13}\.[A-Z0-9][A-Z0-9\-/ ]{0,39}$")
_LEI = re.compile(r"^[A-Z0-9]{18}\d{2}$")


def normalise_identifier(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value).upper() if value else ""


def vat_number_error(value: str) -> str | None:
    vat = normalise_identifier(value)
    prefix, body = vat[:2], vat[2:]
    pattern = VAT_FORMATS.get(prefix)
    if pattern is None:
        return _(
            "A VAT number starts with an EU member-state prefix (AT … SK, EL for Greece); "
            "'%(prefix)s' is not one."
        ) % {"prefix": prefix}
    if not re.fullmatch(pattern, body):
        return _("'%(value)s' is not in the format of a %(prefix)s VAT number.") % {
            "value": value,
            "prefix": prefix,
        }
    return None


def euid_error(value: str) -> str | None:
    if not _EUID.match(value.strip().upper()):
        return _(
            "'%(value)s' is not an EUID: expected the country code, the register code, a dot and "
            "the registration number, e.g. DEK1101R.HRB116737."
        ) % {"value": value}
    return None


def lei_check_digits_valid(lei: str) -> bool:
    """ISO 17442 check digits: ISO 7064 MOD 97-10 over the code with letters as 10..35."""
    digits = "".join(str(int(ch, 36)) for ch in lei)
    return int(digits) % 97 == 1


def lei_error(value: str) -> str | None:
    lei = value.strip().upper()
    if not _LEI.match(lei):
        return _(
            "'%(value)s' is not a LEI: 20 characters, 18 letters or digits then 2 check digits."
        ) % {"value": value}
    if not lei_check_digits_valid(lei):
        return _("'%(value)s' fails the ISO 17442 check digits; check for a typing error.") % {
            "value": value
        }
    return None
