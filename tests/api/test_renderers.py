"""The API's orjson renderer (portal/api/renderers.py) writes what DRF's JSONRenderer writes."""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from portal.api.renderers import JSONRenderer, ProblemJSONRenderer

SAMPLE = {
    "text": "Straße · café \u2028 line \u2029 paragraph",
    "utc": datetime.datetime(2026, 12, 7, 9, 30, 5, 123456, tzinfo=datetime.UTC),
    "berlin": datetime.datetime(2026, 12, 7, 10, 30, tzinfo=ZoneInfo("Europe/Berlin")),
    "london_winter": datetime.datetime(2026, 12, 7, 9, 30, tzinfo=ZoneInfo("Europe/London")),
    "naive": datetime.datetime(2026, 12, 7, 9, 30),
    "date": datetime.date(2026, 8, 2),
    "decimal": decimal.Decimal("12.50"),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "lazy": gettext_lazy("Not found."),
    "nested": [{"a": None, "b": True, "c": 1.5, "d": 2**40}, ("tuple", 1)],
    7: "an integer key",
    "big": 2**70,
}


def test_the_same_bytes_as_drfs_renderer() -> None:
    small = {k: v for k, v in SAMPLE.items() if k != "big"}
    ours, drf = JSONRenderer().render(small), DRFJSONRenderer().render(small)
    assert ours == drf
    assert b"\\u2028" in ours and b"\xe2\x80\xa8" not in ours
    assert json.loads(ours)["utc"] == "2026-12-07T09:30:05.123456Z"


def test_what_orjson_refuses_and_pretty_printing_go_through_drf() -> None:
    assert JSONRenderer().render(SAMPLE) == DRFJSONRenderer().render(SAMPLE)  # 2**70
    indented = "application/json; indent=2"
    assert JSONRenderer().render({"a": [1]}, indented) == DRFJSONRenderer().render(
        {"a": [1]}, indented
    )
    assert JSONRenderer().render(None) == b""
    assert ProblemJSONRenderer.media_type == "application/problem+json"
