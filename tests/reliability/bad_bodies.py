"""Bad request bodies, as data. Each one is sent to every API endpoint that takes a body
(tests/api/endpoints.py), so a new endpoint is covered the moment it is registered there; a new
kind of bad input is one more entry in BAD_BODIES.

Each answer must be a 4xx problem+json, never a 5xx, and change nothing."""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

JSON = "application/json"
# Malformed (400), too large (413), well-formed but unprocessable (422).
CLEAR_REFUSALS = frozenset({400, 413, 422})


@dataclass(frozen=True)
class BadBody:
    id: str
    make: Callable[[Any], bytes]  # the endpoint's valid body → the bad bytes
    content_type: str = JSON
    headers: dict[str, str] = field(default_factory=dict)
    statuses: frozenset[int] = CLEAR_REFUSALS
    # Whether the case applies to an endpoint, given its valid body. Cases that change the body's
    # strings need strings; an action that takes no body may rightly ignore a well-formed one.
    applies: Callable[[Any], bool] = lambda body: True  # noqa: E731


def has_strings(value: Any) -> bool:
    if isinstance(value, str):
        return True
    if isinstance(value, dict):
        return any(has_strings(v) for v in value.values())
    if isinstance(value, list):
        return any(has_strings(v) for v in value)
    return False


def _strings(value: Any, change: Callable[[str], Any]) -> Any:
    """The valid body with every string value (not the keys) changed."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, dict):
        return {k: _strings(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [_strings(v, change) for v in value]
    return value


def _with_strings(body: Any, change: Callable[[str], Any]) -> bytes:
    return json.dumps(_strings(body, change)).encode()


def _oversized(body: Any) -> bytes:
    # Valid JSON, over DATA_UPLOAD_MAX_MEMORY_SIZE: refused before it is parsed (413).
    padding = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1024)
    if isinstance(body, list):
        return json.dumps([*body, padding]).encode()
    return json.dumps({**(body or {}), "padding": padding}).encode()


def _nested(depth: int, open_: str, close: str, leaf: str = "1") -> Callable[[Any], bytes]:
    return lambda body: (open_ * depth + leaf + close * depth).encode()


@functools.cache
def _gzip_bomb(body: Any = None) -> bytes:
    # 20 MB of spaces in 20 kB: Django does not decode request Content-Encoding, so the bytes
    # reach the parser compressed and are refused as not JSON; nothing is inflated.
    return gzip.compress(b" " * (20 * 1024 * 1024), compresslevel=9)


BAD_BODIES: list[BadBody] = [
    BadBody("malformed", lambda body: b'{"name": "unterminated'),
    BadBody("truncated", lambda body: json.dumps(body or {}).encode()[:-1] or b"{"),
    BadBody("not_json_at_all", lambda body: b"<html><script>alert(1)</script></html>"),
    BadBody("oversized", _oversized, statuses=frozenset({413}), applies=bool),
    BadBody("nested_arrays_10000", _nested(10_000, "[", "]")),
    BadBody("nested_objects_10000", _nested(10_000, '{"a":', "}")),
    BadBody("nested_arrays_100000", _nested(100_000, "[", "]")),
    BadBody(
        "huge_strings",
        lambda body: _with_strings(body, lambda s: s + "x" * 1_500_000),
        applies=has_strings,
    ),
    BadBody(
        "nul_in_strings",
        lambda body: _with_strings(body, lambda s: f"a\x00{s}"),
        applies=has_strings,
    ),
    BadBody(
        "lone_surrogates",
        lambda body: _with_strings(body, lambda s: f"\ud800{s}"),
        applies=has_strings,
    ),
    BadBody("invalid_utf8", lambda body: b'{"name": "\xff\xfe\xc3\x28", "trade_name": "\xed\xa0"}'),
    BadBody("latin1_declared_utf8", lambda body: '{"name": "Müller"}'.encode("latin-1")),
    BadBody("nan_and_infinity", lambda body: b'{"name": NaN, "x": Infinity, "y": -Infinity}'),
    BadBody("huge_number", lambda body: b'{"name": 1' + b"0" * 100_000 + b"}"),
    BadBody("top_level_scalar", lambda body: b'"just a string"', applies=bool),
    BadBody("top_level_null", lambda body: b"null", applies=bool),
    BadBody(
        "gzip_bomb",
        lambda body: _gzip_bomb(),
        headers={"Content-Encoding": "gzip"},
        statuses=frozenset({400, 415}),
    ),
    BadBody(
        "wrong_content_type",
        lambda body: json.dumps(body or {}).encode(),
        content_type="text/plain",
        statuses=frozenset({415}),
    ),
    BadBody(
        "xml_content_type",
        lambda body: (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
        ),
        content_type="application/xml",
        statuses=frozenset({415}),
    ),
]
