"""portal/wsgi.py: a worker freezes what it has loaded, so full collections skip it (issue 13)."""

from __future__ import annotations

import gc
import importlib
import sys


def test_loading_the_wsgi_application_freezes_what_it_loaded() -> None:
    gc.unfreeze()
    sys.modules.pop("portal.wsgi", None)
    try:
        wsgi = importlib.import_module("portal.wsgi")
        frozen = gc.get_freeze_count()
        assert callable(wsgi.application)
        # Django, both URL configurations and their views: far more than a bare interpreter.
        assert frozen > 50_000, frozen
        assert (
            "portal.views" in sys.modules and "registry.register.web.views_regulator" in sys.modules
        )
    finally:
        gc.unfreeze()
