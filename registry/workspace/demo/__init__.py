"""Workspace demo data for the demo organisations of ``portal.demo`` (helios, lindenburg, nimbus).

Idempotent: a system, model or document that exists is left alone. Everything is created
through the workspace services with the organisation's owner as the actor, so the demo obeys
the same rules, and leaves the same audit trail, as real data.
"""

from __future__ import annotations

from collections.abc import Callable

from django_tenants.utils import tenant_context

from portal.accounts.models import Membership, Role, User
from portal.tenancy.models import Organisation
from registry.workspace.demo.helios import seed_helios
from registry.workspace.demo.lindenburg import seed_lindenburg
from registry.workspace.demo.nimbus import seed_nimbus


def _owner(organisation: Organisation) -> User:
    membership = (
        Membership.objects.select_related("user")
        .filter(organisation=organisation, role=Role.OWNER)
        .order_by("id")
        .first()
    )
    if membership is None:
        raise RuntimeError(f"{organisation.slug} has no owner")
    return membership.user


SEEDERS: dict[str, Callable[[User, list[str]], None]] = {
    "helios": seed_helios,
    "lindenburg": seed_lindenburg,
    "nimbus": seed_nimbus,
}


def seed_workspace_demo() -> list[str]:
    """Fill the demo organisations' workspaces; returns what was created."""
    created: list[str] = []
    for slug, seeder in SEEDERS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        actor = _owner(organisation)
        with tenant_context(organisation):
            seeder(actor, created)
    return created
