"""List pages of settings and the Code of Practice run a fixed number of queries."""

from __future__ import annotations

from datetime import date

from django_tenants.utils import tenant_context

from portal.accounts.api_keys import api_key_create
from portal.accounts.models import Membership, User
from registry.workspace.services.cop import cop_signature_set
from tests.queries import count_queries


def _count(client, path: str) -> int:
    client.get(path)
    with count_queries() as log:
        assert client.get(path).status_code == 200
    return log.count


def test_members_page_queries_do_not_grow_with_members(acme, org_a):
    one = _count(acme, "/settings/members/")
    for n in range(4):
        user = User.objects.create_user(email=f"m{n}@acme.test", password=None)
        Membership.objects.create(user=user, organisation=org_a, role="viewer")
    assert _count(acme, "/settings/members/") == one


def test_api_keys_page_queries_do_not_grow_with_keys(acme, org_a, alice):
    api_key_create(actor=alice, organisation=org_a, name="k0", scopes=["read"])
    one = _count(acme, "/settings/api-keys/")
    for n in range(1, 5):
        api_key_create(actor=alice, organisation=org_a, name=f"k{n}", scopes=["read"])
    assert _count(acme, "/settings/api-keys/") == one


def test_chapter_history_queries_do_not_grow_with_changes(acme, org_a, alice):
    def sign(day: int) -> None:
        with tenant_context(org_a):
            cop_signature_set(
                actor=alice,
                chapter="copyright",
                status="signed",
                status_date=date(2025, 8, day),
                signatory_name="Olga Owner",
                signatory_authority="CEO",
            )

    sign(1)
    one = _count(acme, "/code-of-practice/copyright/")
    for day in range(2, 6):
        sign(day)
    assert _count(acme, "/code-of-practice/copyright/") == one
    assert _count(acme, "/code-of-practice/") == _count(acme, "/code-of-practice/")
