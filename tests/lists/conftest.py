"""Fixtures of the list tests: clients on acme's host and a seed system to clone."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

HOST = "acme.localhost"


@pytest.fixture
def as_alice(host_client, alice):  # type: ignore[no-untyped-def]
    return host_client(HOST, user=alice)


@pytest.fixture
def in_acme(org_a):  # type: ignore[no-untyped-def]
    return lambda: tenant_context(org_a)
