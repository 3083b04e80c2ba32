"""Fixtures of the API tests: a JSON client per host, API keys of any owner and scope, a viewer."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from portal.accounts.api_keys import api_key_create
from portal.accounts.models import (
    Authority,
    AuthorityMembership,
    Membership,
    Role,
    User,
)
from portal.api.throttling import PortalRateThrottle
from portal.tenancy.models import Organisation
from tests.api.helpers import ALL_SCOPES, ApiClient
from tests.api.targets import Targets, de_lead


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    # Counters live in the shared Redis: a prefix per test keeps tests from throttling each other.
    monkeypatch.setattr(PortalRateThrottle, "cache_prefix", f"throttle-test-{uuid.uuid4().hex}")


@pytest.fixture
def api() -> Callable[..., ApiClient]:
    """api("acme.localhost", key=...) or api("acme.localhost", user=alice) or anonymous."""
    return ApiClient


def _key_actor(owner: Organisation | Authority) -> User:
    if isinstance(owner, Organisation):
        membership = Membership.objects.filter(organisation=owner, role=Role.OWNER).first()
        assert membership is not None
        return membership.user
    lead = AuthorityMembership.objects.filter(authority=owner, role="lead").first()
    if lead is not None:
        return lead.user
    user = User.objects.create_user(email=f"lead-{owner.slug}@example.test", password=None)
    AuthorityMembership.objects.create(user=user, authority=owner, role="lead")
    return user


@pytest.fixture
def make_key(db: None) -> Callable[..., str]:
    """make_key(org_a, scopes=["read"]) -> the plaintext of a new key of that owner."""

    def make(owner: Organisation | Authority, scopes: list[str] | None = None, **kw: Any) -> str:
        target = (
            {"organisation": owner} if isinstance(owner, Organisation) else {"authority": owner}
        )
        _key, plaintext = api_key_create(
            actor=_key_actor(owner),
            name=kw.pop("name", "test key"),
            scopes=scopes if scopes is not None else ALL_SCOPES,
            **target,
            **kw,
        )
        return plaintext

    return make


@pytest.fixture
def msa(db: None) -> Authority:
    return Authority.objects.get(slug="de-msa")


@pytest.fixture
def targets(cast: Any, msa: Authority, make_key: Callable[..., str]) -> Targets:
    """Objects of organisation A that the endpoints in endpoints.py name in their paths, built
    when a path asks for one (use `path.format_map(targets)`)."""
    return Targets(cast, msa, make_key)


@pytest.fixture
def lead_de(msa: Authority) -> User:
    """A lead reviewer of the DE authority (registering and rejecting need one)."""
    return de_lead(msa)


@pytest.fixture(autouse=True)
def _webhooks_to_test_hosts(settings: Any) -> None:
    # Test receivers listen on 127.0.0.1 and example.test does not resolve: the SSRF guard's own
    # tests switch this off again.
    settings.WEBHOOKS_ALLOW_PRIVATE = True
