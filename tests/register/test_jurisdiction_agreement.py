"""The jurisdiction rule is written twice: as SQL (`regulator_filings_for_membership`, for queues
and lists) and in memory (`membership_sees`, for one filing already loaded). They must agree on
every combination of filing kind, member states and restriction, for every kind of authority
membership (Art 49(4), 70, 74, 88-94)."""

from __future__ import annotations

import itertools

import pytest

from portal.accounts.models import Authority, AuthorityKind, AuthorityMembership, AuthorityRole
from registry.register.models import Filing, FilingKind, FilingStatus
from registry.register.selectors import membership_sees, regulator_filings_for_membership

MEMBER_STATES = ([], ["DE"], ["NL"], ["DE", "FR"], ["MT", "NL"])
AUTHORITIES = (
    (AuthorityKind.AI_OFFICE, []),
    (AuthorityKind.NATIONAL_MSA, ["DE"]),
    (AuthorityKind.NATIONAL_MSA, ["DE", "NL"]),
    (AuthorityKind.NATIONAL_MSA, ["MT"]),
)


@pytest.fixture
def grid(cast):  # type: ignore[no-untyped-def]
    combinations = list(itertools.product(FilingKind, MEMBER_STATES, (False, True)))
    Filing.objects.bulk_create(
        Filing(
            organisation=cast.org_a,
            kind=kind,
            subject_type="ai_system",
            subject_id=f"grid-{i}",
            subject_name=f"Grid {i}",
            registration_number=f"GRID-{i}",
            status=FilingStatus.SUBMITTED,
            member_states=states,
            restricted=restricted,
        )
        for i, (kind, states, restricted) in enumerate(combinations)
    )
    return list(Filing.objects.filter(registration_number__startswith="GRID-"))


@pytest.mark.parametrize("restricted_access", [False, True])
@pytest.mark.parametrize(("kind", "member_states"), AUTHORITIES)
def test_sql_and_memory_readings_agree(grid, kind, member_states, restricted_access):
    authority = Authority.objects.create(
        name=f"Grid {kind} {member_states}",
        slug=f"grid-{kind}-{'-'.join(member_states) or 'none'}".lower().replace("_", "-"),
        kind=kind,
        member_states=member_states,
    )
    membership = AuthorityMembership(
        authority=authority, role=AuthorityRole.REVIEWER, restricted_access=restricted_access
    )
    grid_ids = {filing.pk for filing in grid}

    by_sql = set(regulator_filings_for_membership(membership).values_list("pk", flat=True))
    in_memory = {filing.pk for filing in grid if membership_sees(membership, filing)}

    assert by_sql & grid_ids == in_memory
    assert in_memory, "each membership sees part of the grid (else the comparison proves little)"
    assert in_memory != grid_ids or restricted_access, "without Art 49(4) access, not all of it"
