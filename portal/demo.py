"""Demo organisations, people and authorities for `make run` (`manage.py seed_demo`).

Idempotent: what exists is left alone, what is missing is created through the same services the
portal uses, so the demo data obeys every rule real data obeys.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.accounts import services as accounts
from portal.accounts.models import (
    Authority,
    AuthorityKind,
    AuthorityMembership,
    Membership,
    Role,
    User,
)
from portal.accounts.two_factor import second_factor_required
from portal.context_processors import portal_url
from portal.demo_totp import DEMO_TOTP_KEY
from portal.tenancy.models import Organisation, OrganisationType
from portal.tenancy.services import organisation_provision

DEMO_PASSWORD = "demo-portal-2026"  # noqa: S105 - printed by `make run` on purpose


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    legal_name: str
    country: str
    organisation_type: str
    eu_established: bool
    description: str
    vat_number: str = ""
    lei: str = ""
    euid: str = ""
    address: str = ""


ORGANISATIONS = (
    DemoOrganisation(
        slug="helios",
        legal_name="Helios Diagnostics GmbH",
        country="DE",
        organisation_type=OrganisationType.PRIVATE_COMPANY,
        eu_established=True,
        description="EU provider of a high-risk system",
        vat_number="DE811569869",
        lei="5299009N9CKGB7IKYV86",
        euid="DEK1101R.HRB116737",
    ),
    DemoOrganisation(
        slug="lindenburg",
        legal_name="City of Lindenburg",
        country="NL",
        organisation_type=OrganisationType.PUBLIC_AUTHORITY,
        eu_established=True,
        description="public-authority deployer",
        vat_number="NL001234567B01",
    ),
    DemoOrganisation(
        slug="nimbus",
        legal_name="Nimbus Intelligence Inc.",
        country="US",
        organisation_type=OrganisationType.PRIVATE_COMPANY,
        eu_established=False,
        description="non-EU provider of GPAI models",
    ),
    DemoOrganisation(
        slug="eurorep",
        legal_name="EuroRep Compliance B.V.",
        country="NL",
        organisation_type=OrganisationType.PRIVATE_COMPANY,
        eu_established=True,
        description="EU authorised representative of Nimbus (Art 54)",
        vat_number="NL859613485B01",
        address="Herengracht 420, 1017 BZ Amsterdam, Netherlands",
    ),
)

# (email, full name, organisation slug, role)
PEOPLE = (
    ("owner@helios.example", "Hanna Vogel", "helios", Role.OWNER),
    ("admin@helios.example", "Jonas Becker", "helios", Role.ADMIN),
    ("editor@helios.example", "Lea Wagner", "helios", Role.EDITOR),
    ("viewer@helios.example", "Paul Schmitt", "helios", Role.VIEWER),
    ("owner@lindenburg.example", "Sanne de Vries", "lindenburg", Role.OWNER),
    ("editor@lindenburg.example", "Daan Jansen", "lindenburg", Role.EDITOR),
    ("owner@nimbus.example", "Morgan Lee", "nimbus", Role.OWNER),
    ("editor@nimbus.example", "Riley Chen", "nimbus", Role.EDITOR),
    ("rep@eurorep.example", "Noor Bakker", "eurorep", Role.OWNER),
)

AUTHORITIES = (
    ("Federal Network Agency (demo)", "bnetza", AuthorityKind.NATIONAL_MSA, ["DE"]),
    (
        "Dutch Authority for Digital Infrastructure (demo)",
        "rdi",
        AuthorityKind.NATIONAL_MSA,
        ["NL"],
    ),
    ("European AI Office (demo)", "ai-office", AuthorityKind.AI_OFFICE, []),
)
# (email, full name, authority slug, role, restricted access)
REGULATORS = (
    ("reviewer@bnetza.example", "Klaus Richter", "bnetza", "reviewer", False),
    ("lead@bnetza.example", "Eva Hoffmann", "bnetza", "lead", True),
    ("reviewer@rdi.example", "Femke Visser", "rdi", "reviewer", False),
    ("reviewer@ai-office.example", "Marie Dubois", "ai-office", "lead", True),
)


def _user(email: str, full_name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
    return user


@transaction.atomic
def seed_demo() -> list[str]:
    created: list[str] = []
    owners = {slug: (email, name) for email, name, slug, role in PEOPLE if role == Role.OWNER}
    for spec in ORGANISATIONS:
        if Organisation.objects.filter(slug=spec.slug).exists():
            continue
        owner = _user(*owners[spec.slug])
        organisation_provision(
            actor=None,
            owner=owner,
            legal_name=spec.legal_name,
            slug=spec.slug,
            country=spec.country,
            organisation_type=spec.organisation_type,
            eu_established=spec.eu_established,
            vat_number=spec.vat_number,
            lei=spec.lei,
            euid=spec.euid,
            contact_name=owners[spec.slug][1],
            contact_email=owners[spec.slug][0],
            address=spec.address,
        )
        created.append(f"organisation {spec.slug}")
    for email, name, slug, role in PEOPLE:
        user = _user(email, name)
        organisation = Organisation.objects.get(slug=slug)
        if not Membership.objects.filter(user=user, organisation=organisation).exists():
            Membership.objects.create(user=user, organisation=organisation, role=role)
            created.append(f"membership {email}")
    for name, slug, kind, states in AUTHORITIES:
        if not Authority.objects.filter(slug=slug).exists():
            accounts.authority_create(
                actor=None, name=name, slug=slug, kind=kind, member_states=states
            )
            created.append(f"authority {slug}")
    for email, name, slug, role, restricted in REGULATORS:
        user = _user(email, name)
        authority = Authority.objects.get(slug=slug)
        if not AuthorityMembership.objects.filter(user=user, authority=authority).exists():
            accounts.authority_member_add(
                actor=None, authority=authority, user=user, role=role, restricted_access=restricted
            )
            created.append(f"regulator {email}")
    for email, *_rest in (*PEOPLE, *REGULATORS):
        user = User.objects.get(email=email)
        if second_factor_required(user) and not TOTPDevice.objects.filter(user=user).exists():
            TOTPDevice.objects.create(
                user=user, name="demo authenticator", key=DEMO_TOTP_KEY.hex(), confirmed=True
            )
            created.append(f"authenticator {email}")
    from registry.workspace.demo import seed_workspace_demo  # each app seeds its own schema

    created += seed_workspace_demo()
    from registry.register.demo import seed_register_demo  # filings once the workspaces exist

    created += seed_register_demo()
    from registry.workspace.demo.incidents import seed_incident_demo  # issue 16, after filings

    created += seed_incident_demo()
    return created


def demo_logins() -> list[dict[str, str]]:
    descriptions = {spec.slug: spec for spec in ORGANISATIONS}
    logins = []
    for email, _name, slug, role in PEOPLE:
        spec = descriptions[slug]
        logins.append(
            {"email": email, "what": f"{role.label} of {spec.legal_name}", "url": portal_url(slug)}
        )
    authorities = {slug: name for name, slug, _kind, _states in AUTHORITIES}
    for email, _name, slug, role, restricted in REGULATORS:
        what = f"{role} at {authorities[slug]}" + (" (restricted access)" if restricted else "")
        logins.append({"email": email, "what": what, "url": portal_url(None)})
    return logins
