from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()


def freeze_loaded_objects() -> None:
    """Move every object alive now out of the cyclic garbage collector's reach (`gc.freeze`).

    What a worker has loaded (Django, both URL configurations and the views they import, the
    rules engine's tables, translations) lives as long as the worker, yet each full collection
    walked all of it again: a pause of 100-150 ms every few dozen requests, which was the p95 of
    a list page (bench/list_pages.py, issue 13). Frozen, a full collection walks only what
    requests have made since. Called once a worker has loaded the portal; the benchmarks that
    time pages in their own process call it where a worker would have."""
    gc.collect()
    gc.freeze()


def _load_urlconfs() -> None:
    # Both URL configurations, and so every view module, are imported before the freeze rather
    # than by the first request.
    from django.conf import settings
    from django.urls import get_resolver

    for urlconf in (settings.ROOT_URLCONF, settings.PUBLIC_SCHEMA_URLCONF):
        get_resolver(urlconf).url_patterns  # noqa: B018 (importing is the point)


_load_urlconfs()
freeze_loaded_objects()
