"""The Swagger UI page of both API documents, under the site's Content-Security-Policy: its script
is served as a file of its own (drf-spectacular's split view), and only its one inline <style>
(drf-spectacular's template) is allowed on this page; scripts stay 'self' only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from csp.decorators import csp_update
from drf_spectacular.views import SpectacularSwaggerSplitView


def swagger_ui(*, url_name: str) -> Callable[..., Any]:
    view = SpectacularSwaggerSplitView.as_view(url_name=url_name)
    return csp_update({"style-src": ["'unsafe-inline'"]})(view)
