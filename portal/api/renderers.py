"""JSON only. Problem bodies are JSON too; listing their media type lets a client that sends
`Accept: application/problem+json` be answered instead of refused with 406."""

from __future__ import annotations

from rest_framework.renderers import JSONRenderer


class ProblemJSONRenderer(JSONRenderer):
    media_type = "application/problem+json"
