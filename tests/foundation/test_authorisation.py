"""Who may do what is decided once, in portal.authz: a matrix of roles × abilities, the key rules,
the refusal codes, and a search that fails when a role is compared anywhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.authz import (
    ABILITIES,
    AUTHORITY_ABILITIES,
    abilities,
    authorise,
    authority_role_may,
    can,
    key_scope,
    role_may,
)
from portal.errors import PermissionDenied
from tests.workspace.test_permissions import FakeKey

ROOT = Path(__file__).resolve().parents[2]

# The least role each ability needs. A new ability in portal.authz needs its line here.
LEAST_ROLE = {
    "workspace.read": "viewer",
    "workspace.write": "editor",
    "system.create": "editor",
    "system.change": "editor",
    "system.classify": "editor",
    "system.delete": "admin",
    "gpai.write": "editor",
    "record.write": "editor",
    "qms.approve": "admin",
    "evidence.write": "editor",
    "cop.sign": "admin",
    "filing.prepare": "editor",
    "filing.submit": "admin",
    "filing.withdraw": "admin",
    "member.manage": "admin",
    "member.manage_owner": "owner",
    "api_key.manage": "admin",
    "webhook.manage": "admin",
    "settings.view": "admin",
    "admin_site.open": "admin",
}
ROLES = ["viewer", "editor", "admin", "owner"]


def test_every_ability_has_its_expected_least_role():
    assert set(ABILITIES) == set(LEAST_ROLE)


@pytest.mark.parametrize("action", sorted(LEAST_ROLE))
@pytest.mark.parametrize("role", ROLES)
def test_role_may_exactly_from_the_least_role_upwards(role, action):
    expected = ROLES.index(role) >= ROLES.index(LEAST_ROLE[action])
    assert role_may(role, action) is expected
    assert abilities(role)[action.replace(".", "_")] is expected


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        ("reviewer", "review.read", True),
        ("reviewer", "review.decide_final", False),
        ("reviewer", "authority_key.manage", False),
        ("lead", "review.read", True),
        ("lead", "review.decide_final", True),
        ("lead", "authority_key.manage", True),
        (None, "review.read", False),
    ],
)
def test_authority_roles(role, action, allowed):
    assert action in AUTHORITY_ABILITIES
    assert authority_role_may(role, action) is allowed


def test_no_role_may_nothing():
    assert not any(abilities(None).values())


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        role_may("owner", "system.teleport")


@pytest.mark.parametrize(
    ("user", "action", "allowed"),
    [
        ("alice", "filing.submit", True),  # admin in A
        ("bob", "filing.submit", False),  # editor in A
        ("bob", "system.create", True),
        ("alice", "member.manage_owner", False),
    ],
)
def test_people_hold_their_membership_role(org_a, cast, user, action, allowed):
    assert can(getattr(cast, user), action, org_a) is allowed


def test_an_outsider_is_refused_as_not_a_member(org_a, carol):
    with pytest.raises(PermissionDenied) as exc:
        authorise(carol, "workspace.read", org_a)
    assert exc.value.code == "not_a_member"


def test_a_member_below_the_role_is_refused_with_one_code(org_a, bob):
    with pytest.raises(PermissionDenied) as exc:
        authorise(bob, "webhook.manage", org_a)
    assert exc.value.code == "permission_denied"
    assert "manage webhooks" in exc.value.message


def test_a_submit_key_files_but_prepares_nothing(org_a):
    key = FakeKey(organisation_id=org_a.pk, scopes=["submit"])
    assert can(key, "filing.submit", org_a)
    assert not can(key, "filing.prepare", org_a)


def test_an_admin_key_without_submit_scope_is_refused_as_scope_missing(org_a):
    key = FakeKey(organisation_id=org_a.pk, scopes=["admin"])
    with pytest.raises(PermissionDenied) as exc:
        authorise(key, "filing.submit", org_a)
    assert exc.value.code == "scope_missing"
    assert can(key, "webhook.manage", org_a)
    assert not can(key, "member.manage_owner", org_a)  # a key is never an owner


@pytest.mark.parametrize(
    ("action", "scope"),
    [
        ("workspace.read", "read"),
        ("workspace.write", "write"),
        ("system.delete", "admin"),
        ("filing.submit", "submit"),
        ("filing.withdraw", "admin"),
        ("member.manage_owner", None),
    ],
)
def test_the_api_asks_a_key_for_the_scope_of_the_abilitys_role(action, scope):
    assert key_scope(action) == scope


def test_a_key_of_another_organisation_is_not_a_member(org_a, org_b):
    key = FakeKey(organisation_id=org_b.pk, scopes=["admin", "submit"])
    with pytest.raises(PermissionDenied) as exc:
        authorise(key, "filing.submit", org_a)
    assert exc.value.code == "not_a_member"


# --- the table is the only place ----------------------------------------------------------------

ALLOWED = {
    "portal/authz.py",  # the table and authorise()
    "portal/accounts/models.py",  # Role.at_least, ApiKey.has_scope: the vocabulary
    "portal/accounts/selectors.py",  # actor_role: one reading of a person's or key's role
}
PYTHON_ROLE_CHECKS = re.compile(
    r"\.can\(Role|\.at_least\(|has_scope\(|\.membership\.role\b|membership\.can\("
)
TEMPLATE_ROLE_CHECKS = re.compile(
    r"role\s*(==|!=)|\.role\s+(not\s+)?in\s|membership\.role|\bis_admin\b|\bis_editor\b|\bcan_edit\b"
    r"|\bcan_approve\b|\bis_lead\b"
)


def _offences(pattern: re.Pattern[str], files: list[Path]) -> list[str]:
    found = []
    for path in files:
        relative = str(path.relative_to(ROOT))
        if relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_no_role_check_outside_the_authorisation_module():
    files = [p for d in ("registry", "portal") for p in (ROOT / d).rglob("*.py")]
    assert _offences(PYTHON_ROLE_CHECKS, [p for p in files if "migrations" not in p.parts]) == []


def test_no_template_compares_a_role():
    files = list((ROOT / "templates").rglob("*.html"))
    assert _offences(TEMPLATE_ROLE_CHECKS, files) == []
