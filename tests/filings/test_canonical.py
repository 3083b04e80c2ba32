"""Canonical JSON: the bytes the register hashes, the PDF embeds and a verifier re-hashes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.filings.canonical import (
    SNAPSHOT_SCHEMA_VERSION,
    CanonicalJSONError,
    canonical_json,
    sha256_hex,
)
from registry.filings.samples import sample_snapshot
from registry.rules.enums import RiskTier


def test_keys_are_sorted_at_every_level_and_there_is_no_whitespace() -> None:
    data = {"b": 1, "a": {"d": [3, {"z": 1, "y": 2}], "c": None}}
    assert canonical_json(data) == b'{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}'


def test_insertion_order_does_not_change_the_bytes() -> None:
    forward = {"registration_number": "EU-AI-2026-000042", "version": 1, "restricted": False}
    backward = dict(reversed(list(forward.items())))
    assert list(forward) != list(backward)
    assert canonical_json(forward) == canonical_json(backward)


def test_non_ascii_is_written_as_utf8_not_escaped() -> None:
    encoded = canonical_json({"name": "Dana Müller – Ελλάδα €", "url": "https://x.eu/a"})
    assert encoded == '{"name":"Dana Müller – Ελλάδα €","url":"https://x.eu/a"}'.encode()
    assert b"\\u" not in encoded


def test_control_characters_and_quotes_are_escaped_the_json_way() -> None:
    assert canonical_json({"t": 'a"b\\c\nd\x01'}) == b'{"t":"a\\"b\\\\c\\nd\\u0001"}'


def test_dates_times_decimals_uuids_and_enums_have_one_form() -> None:
    cet = timezone(timedelta(hours=1))
    data = {
        "date": date(2026, 3, 12),
        "aware": datetime(2026, 3, 12, 15, 5, tzinfo=cet),
        "micro": datetime(2026, 3, 12, 14, 5, 0, 250, tzinfo=UTC),
        "time": time(9, 30),
        "decimal": Decimal("1.10"),
        "uuid": UUID("7D0F3A52-1C4E-4B8E-9A3F-2A1F5E6B7C80"),
        "tier": RiskTier.HIGH_RISK,
        "tuple": (1, 2),
    }
    assert json.loads(canonical_json(data)) == {
        "date": "2026-03-12",
        "aware": "2026-03-12T14:05:00Z",  # converted to UTC
        "micro": "2026-03-12T14:05:00.000250Z",
        "time": "09:30:00",
        "decimal": "1.10",  # a string: no reader rounds it through a float
        "uuid": "7d0f3a52-1c4e-4b8e-9a3f-2a1f5e6b7c80",
        "tier": "high_risk",
        "tuple": [1, 2],
    }


def test_the_same_instant_in_two_timezones_gives_the_same_bytes() -> None:
    berlin = datetime(2026, 3, 12, 15, 5, tzinfo=timezone(timedelta(hours=1)))
    assert canonical_json(berlin) == canonical_json(datetime(2026, 3, 12, 14, 5, tzinfo=UTC))


def test_floats_are_written_deterministically() -> None:
    assert canonical_json([0.1, 1.0, 3.2e25, 1e-7, -0.0, 2**53 + 0.0]) == (
        b"[0.1,1.0,3.2e+25,1e-07,0.0,9007199254740992.0]"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (float("-inf"), "-inf"),
        (Decimal("NaN"), "NaN"),
        (Decimal("Infinity"), "Infinity"),
    ],
)
def test_nan_and_infinity_are_refused_with_where_they_are(value: object, message: str) -> None:
    with pytest.raises(CanonicalJSONError, match=r"\$\.risk_summary\[1\]\.likelihood") as error:
        canonical_json({"risk_summary": [{}, {"likelihood": value}]})
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({"a"}, "unordered"),
        (frozenset({1}), "unordered"),
        (b"bytes", "bytes"),
        (object(), "object"),
        (datetime(2026, 3, 12, 14, 5), "naive datetime"),
        ({1: "int key"}, "not a string"),
        ("\ud800", "not valid Unicode"),
    ],
)
def test_values_without_one_canonical_form_are_refused(value: object, fragment: str) -> None:
    with pytest.raises(CanonicalJSONError, match=fragment):
        canonical_json({"value": value})


def test_canonical_json_is_a_fixed_point_of_parse_and_reserialise() -> None:
    encoded = canonical_json(sample_snapshot())
    assert canonical_json(json.loads(encoded)) == encoded


def test_the_hash_of_a_known_document_never_changes() -> None:
    # A golden value: if this changes, every stored filing hash would stop matching.
    data = {
        "schema_version": SNAPSHOT_SCHEMA_VERSION,
        "filing": {"registration_number": "EU-AI-2026-000042", "version": 1},
        "names": ["Müller", "Ελλάδα"],
        "score": 0.25,
    }
    encoded = canonical_json(data)
    assert (
        encoded
        == (
            '{"filing":{"registration_number":"EU-AI-2026-000042","version":1},'
            '"names":["Müller","Ελλάδα"],"schema_version":"1","score":0.25}'
        ).encode()
    )
    assert sha256_hex(encoded) == (
        "7882edc6c1f89fbb8a4188bf09ebbf117bc1a9c39ef4fef074a66f51e75717e2"
    )


def test_sha256_hex_is_sha256() -> None:
    assert sha256_hex(b"abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(exclude_categories=("Cs",))),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_any_json_value_round_trips_to_the_same_bytes(value: object) -> None:
    encoded = canonical_json(value)
    assert canonical_json(json.loads(encoded)) == encoded


@given(st.dictionaries(st.text(max_size=5), st.integers(), min_size=2, max_size=8))
def test_key_order_never_matters(value: dict[str, int]) -> None:
    shuffled = dict(sorted(value.items(), reverse=True))
    assert canonical_json(shuffled) == canonical_json(value)
