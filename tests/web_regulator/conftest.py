from __future__ import annotations

from tests.web_public.conftest import _media_in_tmp, lead  # noqa: F401
