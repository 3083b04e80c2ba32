"""Filings for the web tests, filed and decided through the register's services."""

from __future__ import annotations

import uuid

from portal.accounts.models import Authority, AuthorityMembership, User
from registry.register.models import Filing, FilingVersion
from registry.register.services.review import (
    filing_register,
    filing_request_changes,
    filing_start_review,
)
from registry.register.services.submit import filing_version_submit
from tests.register.factories import submission
from tests.two_factor import cast_authenticator_ensure

PASSWORD = "correct-horse-battery-staple"


def file(organisation, actor, *, subject_id: str | None = None, **kwargs) -> FilingVersion:  # type: ignore[no-untyped-def]
    return filing_version_submit(
        actor=actor,
        submission=submission(organisation, subject_id=subject_id or uuid.uuid4().hex, **kwargs),
    )


def lead_for(authority_slug: str = "de-msa", email: str = "lead@msa.test") -> User:
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=PASSWORD, full_name="Lena Lead"
    )
    AuthorityMembership.objects.get_or_create(
        user=user, authority=Authority.objects.get(slug=authority_slug), defaults={"role": "lead"}
    )
    cast_authenticator_ensure(user)  # authority members log in with a second factor
    return user


def registered(organisation, actor, lead, **kwargs) -> Filing:  # type: ignore[no-untyped-def]
    """A filing whose version 1 had changes requested and whose version 2 is registered."""
    version = file(organisation, actor, **kwargs)
    filing = version.filing
    filing_start_review(actor=lead, filing=filing)
    filing_request_changes(
        actor=lead, filing=filing, comments=[{"field": "A4", "body": "Give the version."}]
    )
    file(organisation, actor, subject_id=filing.subject_id, **kwargs)
    filing.refresh_from_db()
    filing_register(actor=lead, filing=filing)
    filing.refresh_from_db()
    return filing


def registered_twice(organisation, actor, lead, **kwargs) -> Filing:  # type: ignore[no-untyped-def]
    """A filing whose version 1 was registered and then superseded by the registered version 2."""
    version = file(organisation, actor, **kwargs)
    filing = version.filing
    filing_start_review(actor=lead, filing=filing)
    filing_register(actor=lead, filing=filing)
    file(organisation, actor, subject_id=filing.subject_id, **kwargs)
    filing.refresh_from_db()
    filing_start_review(actor=lead, filing=filing)
    filing_register(actor=lead, filing=filing)
    filing.refresh_from_db()
    return filing
