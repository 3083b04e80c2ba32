from __future__ import annotations

from typing import Any

import pytest

from portal.accounts.models import Authority, AuthorityMembership, User
from tests.incident_review.builders import send_report


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def no_enqueue(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record incident PDF enqueues instead of sending them to Redis."""
    sent: list[int] = []
    monkeypatch.setattr("registry.filings.tasks.enqueue_incident_pdf", sent.append)
    return sent


@pytest.fixture
def report(cast: Any, no_enqueue: list[int]) -> Any:
    """An Art 73 report of Acme about an incident in Germany: addressed to the DE authority."""
    return send_report(cast.org_a, cast.alice)


@pytest.fixture
def restricted_report(cast: Any, no_enqueue: list[int]) -> Any:
    """A law-enforcement system's report (Annex III 6(a)): restricted (Art 74(8))."""
    return send_report(cast.org_a, cast.alice, name="VictimRisk", restricted=True)


@pytest.fixture
def de_restricted(db: None) -> User:
    """A reviewer of the DE authority granted restricted access."""
    user = User.objects.create_user(email="secure@msa.test", password=None, full_name="Sam")
    AuthorityMembership.objects.create(
        user=user,
        authority=Authority.objects.get(slug="de-msa"),
        role="reviewer",
        restricted_access=True,
    )
    return user


@pytest.fixture
def fr_reviewer(db: None) -> User:
    """A reviewer of another member state's authority (with restricted access, even)."""
    authority = Authority.objects.create(
        name="French MSA (test)", slug="fr-msa", kind="national_msa", member_states=["FR"]
    )
    user = User.objects.create_user(email="reviewer@fr.test", password=None)
    AuthorityMembership.objects.create(
        user=user, authority=authority, role="lead", restricted_access=True
    )
    return user


@pytest.fixture(autouse=True)
def _webhooks_to_test_hosts(settings: Any) -> None:
    # example.test does not resolve: the SSRF guard's own tests switch this off again.
    settings.WEBHOOKS_ALLOW_PRIVATE = True
