"""Web pages (server-rendered). See the module owner in docs/decisions."""

from __future__ import annotations

urlpatterns: list = []
