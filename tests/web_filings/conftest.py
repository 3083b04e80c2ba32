"""Fixtures of the provider filing pages: files in a temporary MEDIA_ROOT, PDF jobs not sent to
a broker (tests that need the PDF run the job in-process), a viewer of acme, a lead reviewer."""

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


@pytest.fixture(autouse=True)
def no_enqueue(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    sent: list[int] = []
    monkeypatch.setattr("registry.filings.tasks.enqueue_pdf", lambda job_id: sent.append(job_id))
    return sent


@pytest.fixture
def in_a(org_a) -> Iterator[None]:  # type: ignore[no-untyped-def]
    with tenant_context(org_a):
        yield


@pytest.fixture
def lead_de(cast):  # type: ignore[no-untyped-def]
    """A lead reviewer at the German authority: registers filings (the cast has a reviewer)."""
    from portal.accounts.models import Authority, AuthorityMembership, User

    user = User.objects.create_user(email="lena@msa.test", password="x" * 12)
    AuthorityMembership.objects.create(
        user=user, authority=Authority.objects.get(slug="de-msa"), role="lead"
    )
    return user


@pytest.fixture
def acme(host_client, alice):  # type: ignore[no-untyped-def]
    return host_client("acme.localhost", user=alice)


@pytest.fixture
def owner_b(cast):  # type: ignore[no-untyped-def]
    return cast.owner_b
