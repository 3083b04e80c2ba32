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
    authority_authorise,
    authority_role_may,
    can,
    key_scope,
    membership_ability,
    removes_an_owner,
    role_may,
    roles_that_may,
)
from portal.errors import Forbidden
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
    "evidence.delete": "editor",
    "cop.sign": "admin",
    "copyright_policy.adopt": "admin",
    "training_summary.write": "editor",
    "filing.prepare": "editor",
    "filing.submit": "admin",
    "filing.withdraw": "admin",
    "mandate.read": "viewer",
    "mandate.offer": "admin",
    "mandate.answer": "admin",
    "mandate.terminate": "admin",
    "mandate.verify": "admin",
    "rights_request.read": "editor",
    "rights_request.answer": "admin",
    "incident.prepare": "editor",
    "incident.submit": "admin",
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


# Per authority ability: the least authority role, the scope an authority's key needs (None: no
# key may) and the code of the refusal. A new authority ability needs its line here.
AUTHORITY_RULES = {
    "review.read": ("reviewer", "read", "permission_denied"),
    "review.act": ("reviewer", "write", "permission_denied"),
    "review.decide_final": ("lead", None, "lead_required"),
    "incident.read": ("reviewer", "read", "permission_denied"),
    "incident.act": ("reviewer", "write", "permission_denied"),
    "authority_key.manage": ("lead", None, "permission_denied"),
}
AUTHORITY_ROLES = ["reviewer", "lead"]


def test_every_authority_ability_has_its_expected_rule():
    assert set(AUTHORITY_ABILITIES) == set(AUTHORITY_RULES)


@pytest.mark.parametrize("action", sorted(AUTHORITY_RULES))
@pytest.mark.parametrize("role", [None, *AUTHORITY_ROLES])
def test_authority_roles(role, action):
    least, _scope, code = AUTHORITY_RULES[action]
    allowed = role is not None and AUTHORITY_ROLES.index(role) >= AUTHORITY_ROLES.index(least)
    assert authority_role_may(role, action) is allowed
    if allowed:
        authority_authorise(object(), action, role)
        return
    with pytest.raises(Forbidden) as exc:
        authority_authorise(object(), action, role)
    assert exc.value.code == code


@pytest.mark.parametrize("action", sorted(AUTHORITY_RULES))
@pytest.mark.parametrize("scopes", [["read"], ["write"], ["read", "write", "admin", "submit"]])
def test_an_authority_key_needs_the_abilitys_scope(action, scopes):
    _least, scope, code = AUTHORITY_RULES[action]
    key = FakeKey(organisation_id=None, scopes=scopes)
    if scope is not None and scope in scopes:
        authority_authorise(key, action)
        return
    with pytest.raises(Forbidden) as exc:
        authority_authorise(key, action)
    assert exc.value.code == (code if scope is None else "scope_missing")


def test_only_an_owner_touches_the_owner_role():
    assert membership_ability("admin") == "member.manage"
    assert membership_ability("editor", "viewer") == "member.manage"
    assert membership_ability("editor", "owner") == "member.manage_owner"
    assert removes_an_owner("owner", "admin") and removes_an_owner("owner", None)
    assert not removes_an_owner("owner", "owner") and not removes_an_owner("admin", None)


def test_whom_to_tell_follows_the_table():
    assert roles_that_may("filing.submit") == ["owner", "admin"]
    assert roles_that_may("system.create") == ["owner", "admin", "editor"]


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
        ("bob", "rights_request.read", True),  # editors prepare the answer
        ("bob", "rights_request.answer", False),  # administrators give it
        ("alice", "rights_request.answer", True),
    ],
)
def test_people_hold_their_membership_role(org_a, cast, user, action, allowed):
    assert can(getattr(cast, user), action, org_a) is allowed


def test_an_outsider_is_refused_as_not_a_member(org_a, carol):
    with pytest.raises(Forbidden) as exc:
        authorise(carol, "workspace.read", org_a)
    assert exc.value.code == "not_a_member"


def test_a_member_below_the_role_is_refused_with_one_code(org_a, bob):
    with pytest.raises(Forbidden) as exc:
        authorise(bob, "webhook.manage", org_a)
    assert exc.value.code == "permission_denied"
    assert "manage webhooks" in exc.value.message


def test_a_submit_key_files_but_prepares_nothing(org_a):
    key = FakeKey(organisation_id=org_a.pk, scopes=["submit"])
    assert can(key, "filing.submit", org_a)
    assert not can(key, "filing.prepare", org_a)


def test_an_incident_report_is_sent_by_a_key_with_submit_only(org_a):
    submit = FakeKey(organisation_id=org_a.pk, scopes=["submit"])
    write = FakeKey(organisation_id=org_a.pk, scopes=["read", "write", "admin"])
    assert can(submit, "incident.submit", org_a) and not can(submit, "incident.prepare", org_a)
    assert can(write, "incident.prepare", org_a)
    with pytest.raises(Forbidden) as exc:
        authorise(write, "incident.submit", org_a)
    assert exc.value.code == "scope_missing"


def test_an_admin_key_without_submit_scope_is_refused_as_scope_missing(org_a):
    key = FakeKey(organisation_id=org_a.pk, scopes=["admin"])
    with pytest.raises(Forbidden) as exc:
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
        ("incident.prepare", "write"),
        ("incident.submit", "submit"),
        ("filing.withdraw", "admin"),
        ("member.manage_owner", None),
    ],
)
def test_the_api_asks_a_key_for_the_scope_of_the_abilitys_role(action, scope):
    assert key_scope(action) == scope


def test_a_key_of_another_organisation_is_not_a_member(org_a, org_b):
    key = FakeKey(organisation_id=org_b.pk, scopes=["admin", "submit"])
    with pytest.raises(Forbidden) as exc:
        authorise(key, "filing.submit", org_a)
    assert exc.value.code == "not_a_member"


# --- the table is the only place ----------------------------------------------------------------

ALLOWED = {
    "portal/authz.py",  # the table and authorise()
    "portal/accounts/models.py",  # Role.at_least, ApiKey.has_scope: the vocabulary
    "portal/demo.py",  # demo data: which demo person owns which organisation, not a check
}
# A membership role (organisation or authority) named next to a comparison with a role, or a
# query choosing people by a list of roles: a decision the ability table should make.
_VOCABULARY = (
    r"(\b(Authority)?Role\.(OWNER|ADMIN|EDITOR|VIEWER|LEAD|REVIEWER)\b"
    r"|[\"'](owner|admin|editor|viewer|lead|reviewer)[\"'])"
)
_COMPARE = r"(==|!=|\bis\b|\bin\b)"
PYTHON_ROLE_CHECKS = re.compile(
    rf"\brole\b[^#\n]*{_COMPARE}[^#\n]*{_VOCABULARY}"
    rf"|{_VOCABULARY}[^#\n]*{_COMPARE}[^#\n]*\brole\b"
    rf"|\brole__in\s*=\s*[\[(]|\bQ\(role={_VOCABULARY}"
    r"|\.can\(Role|\.at_least\(|has_scope\(|\.membership\.role\b|membership\.can\("
)
TEMPLATE_ROLE_CHECKS = re.compile(
    r"role\s*(==|!=)|\.role\s+(not\s+)?in\s|\.role\b[^}]*%\}|membership\.role|\bis_admin\b"
    r"|\bis_editor\b|\bcan_edit\b|\bcan_approve\b|\bis_lead\b|\bis_owner\b"
    r"|(==|!=|\bin\b)\s*[\"'](owner|admin|editor|viewer|lead|reviewer)[\"']"
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


@pytest.mark.parametrize(
    "line",
    [
        "if role == Role.OWNER:",
        "if Role.OWNER in (role, membership.role):",
        'key=lambda m: m.role != "lead"',
        "if membership.role is AuthorityRole.LEAD:",
        "Membership.objects.filter(role__in=[Role.OWNER, Role.ADMIN])",
        "Membership.objects.filter(Q(role=Role.OWNER) | Q(role=Role.ADMIN))",
        "if membership.can(Role.ADMIN):",
    ],
)
def test_the_search_finds_a_role_check_in_code(line):
    assert PYTHON_ROLE_CHECKS.search(line)


@pytest.mark.parametrize(
    "line",
    [
        'role__in=roles_that_may("filing.submit")',
        'return role in ("deployer", "importer", "distributor")  # Art 25(1): an operator role',
        "Membership.objects.create(user=owner, organisation=organisation, role=Role.OWNER)",
    ],
)
def test_the_search_leaves_other_roles_alone(line):
    assert not PYTHON_ROLE_CHECKS.search(line)


@pytest.mark.parametrize(
    "line",
    [
        '{% if membership.role == "owner" %}',
        "{% if request.membership.role in roles %}",
        "{% if am.is_lead %}",
        '{% if m.role != "admin" %}',
        "{% if row.membership.role %}",
    ],
)
def test_the_search_finds_a_role_check_in_a_template(line):
    assert TEMPLATE_ROLE_CHECKS.search(line)
