from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from portal.accounts.models import User
from tests.workspace.helpers import make_system


def test_org_admin_opens_the_workspace_admin(host_client, alice):
    response = host_client("acme.localhost", user=alice).get("/workspace-admin/")
    assert response.status_code == 200
    assert b"AI systems" in response.content


def test_org_admin_sees_workspace_rows_read_only(host_client, alice, org_a):
    with tenant_context(org_a):
        system = make_system(alice, "Visible system")
    client = host_client("acme.localhost", user=alice)
    listing = client.get("/workspace-admin/workspace/aisystem/")
    assert listing.status_code == 200
    assert b"Visible system" in listing.content
    detail = client.get(f"/workspace-admin/workspace/aisystem/{system.pk}/change/")
    assert detail.status_code == 200
    assert b'name="_save"' not in detail.content
    assert client.get("/workspace-admin/workspace/aisystem/add/").status_code == 403
    delete = client.post(
        f"/workspace-admin/workspace/aisystem/{system.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == 403


def test_editor_cannot_open_the_workspace_admin(host_client, bob):
    assert host_client("acme.localhost", user=bob).get("/workspace-admin/").status_code == 403


def test_outsider_cannot_open_the_workspace_admin(host_client, carol):
    assert host_client("acme.localhost", user=carol).get("/workspace-admin/").status_code == 403


def test_admin_of_a_cannot_open_the_workspace_admin_of_b(host_client, alice):
    assert host_client("globex.localhost", user=alice).get("/workspace-admin/").status_code == 403


def test_anonymous_is_sent_to_the_login(host_client, db):
    response = host_client("acme.localhost").get("/workspace-admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.fixture
def staff(db):  # type: ignore[no-untyped-def]
    return User.objects.create_user(email="support@portal.test", password="x" * 12, is_staff=True)


@pytest.fixture
def superuser(db):  # type: ignore[no-untyped-def]
    return User.objects.create_superuser(email="root@portal.test", password="x" * 12)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/tenancy/organisation/",
        "/admin/tenancy/domain/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/accounts/membership/",
        "/admin/accounts/authority/",
        "/admin/accounts/authoritymembership/",
        "/admin/audit/auditevent/",
    ],
)
def test_support_staff_use_the_public_admin(host_client, superuser, path):
    assert host_client("localhost", user=superuser).get(path).status_code == 200


def test_public_admin_is_for_staff_only(host_client, alice, staff):
    assert host_client("localhost", user=alice).get("/admin/").status_code == 302
    assert host_client("localhost").get("/admin/").status_code == 302
    assert host_client("localhost", user=staff).get("/admin/").status_code == 200


def test_public_admin_has_no_admin_on_organisation_hosts(host_client, alice):
    assert host_client("acme.localhost", user=alice).get("/admin/").status_code == 404


def test_audit_events_are_read_only_in_the_public_admin(host_client, superuser):
    client = host_client("localhost", user=superuser)
    assert client.get("/admin/audit/auditevent/add/").status_code == 403


def test_staff_creates_a_user_by_email(host_client, superuser):
    client = host_client("localhost", user=superuser)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "New.Person@Example.test",
            "full_name": "New Person",
            "usable_password": "true",
            "password1": "a-long-enough-pass-2026",
            "password2": "a-long-enough-pass-2026",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.filter(email="new.person@example.test").exists()


def test_workspace_admin_has_no_public_admin_log_history(host_client, alice, org_a):
    with tenant_context(org_a):
        system = make_system(alice, "Quiet system")
    client = host_client("acme.localhost", user=alice)
    assert (
        client.get(f"/workspace-admin/workspace/aisystem/{system.pk}/history/").status_code == 404
    )
