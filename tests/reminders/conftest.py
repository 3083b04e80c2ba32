from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path, settings):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
