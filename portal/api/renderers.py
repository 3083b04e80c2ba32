"""JSON only, written by orjson. Problem bodies are JSON too; listing their media type lets a
client that sends `Accept: application/problem+json` be answered instead of refused with 406.

DRF's JSONRenderer encodes with the standard library: 0.67 ms for a page of 50 systems, a tenth
of the request (bench/api_read.py); orjson writes the same page in 0.03 ms. The output is DRF's:
compact, UTF-8, U+2028/U+2029 escaped, and everything orjson does not write the way DRF's encoder
does (datetimes, decimals, lazy translations, querysets) is handed to that encoder (`default`).
A pretty-printed answer (`Accept: application/json; indent=4`) and anything orjson refuses (an
integer beyond 64 bits) go through DRF's own renderer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_default = JSONEncoder().default


class JSONRenderer(renderers.JSONRenderer):
    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type or "", renderer_context or {}) is None:
            try:
                written = orjson.dumps(data, default=_default, option=_OPTIONS)
            except orjson.JSONEncodeError:
                pass
            else:
                # As DRF does: JSON that is also a strict subset of JavaScript.
                return written.replace(b"\xe2\x80\xa8", b"\\u2028").replace(
                    b"\xe2\x80\xa9", b"\\u2029"
                )
        return super().render(data, accepted_media_type, renderer_context)


class ProblemJSONRenderer(JSONRenderer):
    media_type = "application/problem+json"
