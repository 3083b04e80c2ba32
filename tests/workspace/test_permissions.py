from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from portal.audit.models import AuditEvent
from portal.authz import actor_role, authorise
from portal.errors import Forbidden
from tests.workspace.helpers import make_system


@dataclass
class FakeKey:
    """Quacks like portal.accounts.models.ApiKey for the role mapping."""

    organisation_id: int
    scopes: list[str] = field(default_factory=list)
    pk: int = 7
    is_usable: bool = True
    is_authenticated: bool = True
    audit_actor_kind: str = "api_key"
    audit_actor_label: str = "API key aap_test"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


@pytest.mark.parametrize(("user", "role"), [("alice", "admin"), ("bob", "editor"), ("carol", None)])
def test_role_comes_from_the_membership_in_the_current_organisation(org_a, cast, user, role):
    assert actor_role(getattr(cast, user), org_a) == role


def test_bob_is_only_a_viewer_in_b(org_b, bob):
    assert actor_role(bob, org_b) == "viewer"


def test_inactive_user_has_no_role(org_a, alice):
    alice.is_active = False
    assert actor_role(alice, org_a) is None


@pytest.mark.parametrize(
    ("scopes", "role"),
    [(["read"], "viewer"), (["read", "write"], "editor"), (["admin"], "admin"), ([], None)],
)
def test_api_key_scopes_map_to_roles(org_a, scopes, role):
    assert actor_role(FakeKey(organisation_id=org_a.pk, scopes=scopes), org_a) == role


def test_key_of_another_organisation_or_revoked_has_no_role(org_a, org_b):
    assert actor_role(FakeKey(organisation_id=org_b.pk, scopes=["write"]), org_a) is None
    revoked = FakeKey(organisation_id=org_a.pk, scopes=["write"], is_usable=False)
    assert actor_role(revoked, org_a) is None


def test_a_write_key_creates_a_system_audited_as_the_key(in_a, org_a):
    system = make_system(FakeKey(organisation_id=org_a.pk, scopes=["write"]))
    assert system.created_by is None
    event = AuditEvent.objects.get(action="system.created")
    assert (event.actor_kind, event.actor_label) == ("api_key", "API key aap_test")


def test_editor_is_refused_an_admin_action_with_a_clear_message(in_a, bob):
    with pytest.raises(Forbidden) as exc:
        authorise(bob, "qms.approve")
    assert "approve QMS documents" in exc.value.message
    assert exc.value.code == "permission_denied"
