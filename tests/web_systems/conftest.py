"""Fixtures of the web pages for systems, records and evidence: files in a temporary MEDIA_ROOT,
a viewer of acme, and clients on acme's host."""

from __future__ import annotations

from pathlib import Path

import pytest
from django_tenants.utils import tenant_context

HOST = "acme.localhost"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def as_alice(host_client, alice):  # type: ignore[no-untyped-def]
    return host_client(HOST, user=alice)


@pytest.fixture
def as_bob(host_client, bob):  # type: ignore[no-untyped-def]
    return host_client(HOST, user=bob)


@pytest.fixture
def as_viewer(host_client, viewer_a):  # type: ignore[no-untyped-def]
    return host_client(HOST, user=viewer_a)


@pytest.fixture
def in_acme(org_a):  # type: ignore[no-untyped-def]
    """Run a block in acme's schema: `with in_acme(): ...`."""
    return lambda: tenant_context(org_a)


@pytest.fixture
def hirerank(org_a, alice):  # type: ignore[no-untyped-def]
    """A classified, complete Section A system of acme (tests/filing_flow/builders.py)."""
    from tests.filing_flow.builders import complete_section_a_system

    with tenant_context(org_a):
        return complete_section_a_system(alice)


@pytest.fixture
def owner_b(cast):  # type: ignore[no-untyped-def]
    return cast.owner_b
