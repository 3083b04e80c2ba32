"""The API's JSON parser: DRF's, made safe against hostile bodies.

- At most DATA_UPLOAD_MAX_MEMORY_SIZE bytes are read (DRF reads the WSGI stream itself, so
  Django's own limit never applies): a larger body is a 413, before anything is parsed.
- JSON nested deeper than Python's recursion limit raises RecursionError inside `json`, which
  DRF does not catch (a 500): here it is a 400 like any other malformed body.
- Strings with NUL characters or unpaired surrogates are refused: PostgreSQL cannot store either
  (a 500 at save time), and no legitimate text contains them.
- No string may be longer than MAX_STRING_CHARS: a text field without its own limit would
  otherwise keep a megabyte of text and render it into a filing's PDF as hundreds of pages.

The base views (portal/api/views.py) substitute this parser wherever a view names DRF's.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

from portal.api.exceptions import PayloadTooLarge

MAX_STRING_CHARS = 100_000


def _bad_text(data: Any) -> str | None:
    """The first string (key or value) that cannot be stored as text; iterative, because the
    data may be nested almost to the recursion limit."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if len(item) > MAX_STRING_CHARS:
                return f"more than {MAX_STRING_CHARS} characters"
            if "\x00" in item:
                return "a NUL character"
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "an unpaired surrogate"
    return None


class PortalJSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge(
                f"The request body is larger than {limit} bytes, the limit for JSON requests."
            )
        encoding = parsers.get_encoding(parser_context or {})
        parse_constant = json.strict_constant if self.strict else None
        try:
            data = json.loads(raw.decode(encoding), parse_constant=parse_constant)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        except ValueError as exc:  # also UnicodeDecodeError
            raise ParseError(f"JSON parse error - {exc}") from None
        problem = _bad_text(data)
        if problem is not None:
            raise ParseError(f"JSON parse error - a string contains {problem}.")
        return data


def portal_parser(parser: Any) -> Any:
    """DRF's JSONParser (as a view names it) → ours; every other parser unchanged."""
    return PortalJSONParser() if type(parser) is parsers.JSONParser else parser
