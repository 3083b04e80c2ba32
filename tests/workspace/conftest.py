"""Workspace fixtures: evidence files go to a temporary MEDIA_ROOT, and helpers to work inside
an organisation's schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django_tenants.utils import tenant_context


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def in_a(org_a) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Run the test body in acme's schema."""
    with tenant_context(org_a):
        yield
