from __future__ import annotations

import pytest

from portal.tenancy.identifiers import (
    euid_error,
    lei_check_digits_valid,
    lei_error,
    vat_number_error,
)


@pytest.mark.parametrize(
    "lei", ["7LTWFZYICNSX8D621K86", "529900T8BM49AURSDO55", "5299009N9CKGB7IKYV86"]
)
def test_published_leis_pass_iso_17442_check(lei):
    assert lei_check_digits_valid(lei)
    assert lei_error(lei) is None


def test_one_changed_character_fails_the_check_digits():
    assert "check digits" in lei_error("7LTWFZYICNSX8D621K68")


@pytest.mark.parametrize(
    "vat",
    [
        "DE811569869",
        "FR40303265045",
        "NL001234567B01",
        "EL094014201",
        "ATU13585627",
        "BE0403170701",
        "IE6388047V",
        "es b12345678",
    ],
)
def test_valid_vat_formats(vat):
    assert vat_number_error(vat) is None


@pytest.mark.parametrize("vat", ["DE81156986", "GR094014201", "NL001234567", "ATU1358562", "XX123"])
def test_invalid_vat_formats(vat):
    assert vat_number_error(vat) is not None


@pytest.mark.parametrize("euid", ["DEK1101R.HRB116737", "NLNHR.12345678", "FRRCS.552100554"])
def test_valid_euids(euid):
    assert euid_error(euid) is None


@pytest.mark.parametrize("euid", ["DEK1101RHRB116737", "D.123", "12345.ABC", ""])
def test_invalid_euids(euid):
    assert euid_error(euid) is not None
