from __future__ import annotations

import pytest
from django.test import override_settings


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield


@pytest.fixture
def no_enqueue(monkeypatch):
    """Record PDF enqueues instead of sending them to Redis."""
    sent: list[int] = []
    monkeypatch.setattr("registry.filings.tasks.enqueue_pdf", lambda job_id: sent.append(job_id))
    return sent


@pytest.fixture
def lead_de(db):
    from portal.accounts.models import AuthorityMembership, User

    user = User.objects.create_user(email="lead@msa.test", password=None, full_name="Lena Lead")
    membership = AuthorityMembership.objects.get(user__email="regulator@msa.test")
    AuthorityMembership.objects.create(user=user, authority=membership.authority, role="lead")
    return user


@pytest.fixture
def reviewer_fr(db):
    from portal.accounts.models import Authority, AuthorityMembership, User

    authority = Authority.objects.create(
        name="French MSA (test)", slug="fr-msa", kind="national_msa", member_states=["FR"]
    )
    user = User.objects.create_user(email="reviewer@fr.test", password=None)
    AuthorityMembership.objects.create(
        user=user, authority=authority, role="lead", restricted_access=True
    )
    return user


__all__ = ["override_settings"]
