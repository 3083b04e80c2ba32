"""Fixtures of the API tests: a JSON client per host, API keys of any owner and scope, a viewer."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
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
def dave(org_a: Organisation) -> Iterator[User]:
    """A viewer of A (rolled back with the test)."""
    user = User.objects.create_user(email="dave@acme.test", password=None, full_name="Dave Viewer")
    Membership.objects.create(user=user, organisation=org_a, role=Role.VIEWER)
    yield user


@pytest.fixture
def targets(org_a: Organisation, bob: User, make_key: Callable[..., str]) -> dict[str, int]:
    """Objects of organisation A that the endpoints in endpoints.py name in their paths."""
    from django_tenants.utils import tenant_context

    from portal.accounts.models import ApiKey
    from portal.audit.models import AuditEvent

    plaintext = make_key(org_a, scopes=["read"], name="target")
    with tenant_context(org_a):
        audit_event = AuditEvent.objects.order_by("-id").first()
    assert audit_event is not None
    return {
        "membership_a": Membership.objects.get(user=bob, organisation=org_a).pk,
        "api_key_a": ApiKey.objects.get(prefix=plaintext[:12]).pk,
        "audit_event_a": audit_event.pk,
    }
