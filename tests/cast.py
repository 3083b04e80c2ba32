"""The people and organisations every test can rely on (see conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass

from portal.accounts.models import (
    Authority,
    AuthorityKind,
    AuthorityMembership,
    Membership,
    Role,
    User,
)
from portal.tenancy.models import Organisation, OrganisationType
from portal.tenancy.services import organisation_provision, public_tenant_ensure
from tests.two_factor import cast_authenticator_ensure

PASSWORD = "correct-horse-battery-staple"


def _user(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(email=email, password=PASSWORD, full_name=name)


def _org(slug: str, name: str, country: str, owner: User) -> Organisation:
    existing = Organisation.objects.filter(slug=slug).first()
    if existing:
        return existing
    return organisation_provision(
        actor=None,
        owner=owner,
        legal_name=name,
        slug=slug,
        country=country,
        organisation_type=OrganisationType.PRIVATE_COMPANY,
    )


def build_cast() -> None:
    public_tenant_ensure()
    owner_a = _user("owner@acme.test", "Olga Owner")
    owner_b = _user("owner@globex.test", "Oscar Owner")
    org_a = _org("acme", "Acme AI SE", "DE", owner_a)
    org_b = _org("globex", "Globex Analytics BV", "NL", owner_b)
    alice = _user("alice@acme.test", "Alice Admin")
    bob = _user("bob@both.test", "Bob Both")
    _user("carol@nowhere.test", "Carol Outsider")
    for user, org, role in (
        (alice, org_a, Role.ADMIN),
        (bob, org_a, Role.EDITOR),
        (bob, org_b, Role.VIEWER),
    ):
        Membership.objects.get_or_create(user=user, organisation=org, defaults={"role": role})
    msa, _ = Authority.objects.get_or_create(
        slug="de-msa",
        defaults={
            "name": "German MSA (test)",
            "kind": AuthorityKind.NATIONAL_MSA,
            "member_states": ["DE"],
        },
    )
    office, _ = Authority.objects.get_or_create(
        slug="ai-office", defaults={"name": "AI Office (test)", "kind": AuthorityKind.AI_OFFICE}
    )
    regulator = _user("regulator@msa.test", "Rita Regulator")
    AuthorityMembership.objects.get_or_create(
        user=regulator, authority=msa, defaults={"role": "reviewer"}
    )
    lead = _user("lead@ai-office.test", "Luca Lead")
    AuthorityMembership.objects.get_or_create(
        user=lead, authority=office, defaults={"role": "lead", "restricted_access": True}
    )
    # Their roles need a second factor (portal.accounts.two_factor.second_factor_required).
    for user in (owner_a, owner_b, alice, regulator, lead):
        cast_authenticator_ensure(user)


@dataclass
class Cast:
    org_a: Organisation
    org_b: Organisation
    owner_a: User
    owner_b: User
    alice: User
    bob: User
    carol: User
    regulator: User
    ai_office_lead: User

    @classmethod
    def load(cls) -> Cast:
        users = {u.email: u for u in User.objects.all()}
        return cls(
            org_a=Organisation.objects.get(slug="acme"),
            org_b=Organisation.objects.get(slug="globex"),
            owner_a=users["owner@acme.test"],
            owner_b=users["owner@globex.test"],
            alice=users["alice@acme.test"],
            bob=users["bob@both.test"],
            carol=users["carol@nowhere.test"],
            regulator=users["regulator@msa.test"],
            ai_office_lead=users["lead@ai-office.test"],
        )
