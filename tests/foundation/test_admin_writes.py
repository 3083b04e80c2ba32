"""The admin sites write nothing themselves (docs/decisions/0010-admin-read-only.md).

For every model registered on the public admin (support staff) and on the workspace admin (an
organisation's administrators), a POST to its add, change and delete pages is refused with 403,
or it is a call of the service that makes the write and records an audit event. Registering a
class that saves by itself fails here; so does an admin action that is not a listed service call.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.db import models
from django_tenants.utils import schema_context, tenant_context

from portal.accounts.models import Authority, AuthorityMembership, Membership, User
from portal.audit.models import AuditEvent
from portal.service_admin import ServiceAdmin
from registry.workspace.admin import workspace_admin_site

SITES = {"admin": admin.site, "workspace-admin": workspace_admin_site}
MODELS = [
    (prefix, model)
    for prefix, site in SITES.items()
    for model in sorted(site._registry, key=lambda m: m._meta.label_lower)
]
PAGES = ("add", "change", "delete")


def _new_user(cast: Any) -> dict[str, Any]:
    password = "a-long-enough-pass-2026"
    return {
        "email": "Staff.Made@Example.test",
        "full_name": "Staff Made",
        "usable_password": "true",
        "password1": password,
        "password2": password,
    }


def _new_authority(cast: Any) -> dict[str, Any]:
    return {
        "name": "Malta MSA (test)",
        "slug": "mt-msa",
        "kind": "national_msa",
        "member_states": "MT",
    }


def _grant_lead_with_restricted_access(cast: Any) -> dict[str, Any]:
    msa = Authority.objects.get(slug="de-msa")
    return {"user": cast.carol.pk, "authority": msa.pk, "role": "lead", "restricted_access": "on"}


# The pages that hand their write to a service: a valid POST, and the event the service records.
SERVICE_PAGES: dict[tuple[str, str, str], tuple[str, Callable[[Any], dict[str, Any]]]] = {
    ("admin", "accounts.user", "add"): ("user.created", _new_user),
    ("admin", "accounts.authority", "add"): ("authority.created", _new_authority),
    ("admin", "accounts.authoritymembership", "add"): (
        "authority_membership.added",
        _grant_lead_with_restricted_access,
    ),
    ("admin", "accounts.authoritymembership", "delete"): (
        "authority_membership.removed",
        lambda cast: {"post": "yes"},
    ),
}
# Admin actions, each a call of an audited service (tested below and in
# tests/accounts/test_login_throttle.py).
SERVICE_ACTIONS = {
    ("admin", "axes.accessattempt"): {"lift_lock"},
    ("admin", "accounts.user"): {"deactivate", "reactivate"},
}


@pytest.fixture
def superuser(db):  # type: ignore[no-untyped-def]
    return User.objects.create_superuser(email="root@portal.test", password="x" * 12)


def _id(value: Any) -> str:
    return value._meta.label_lower if isinstance(value, type) else str(value)


def _site_context(prefix: str, cast: Any, superuser: User, host_client: Any) -> tuple[Any, str]:
    """The client that may open this admin site, and the schema its rows and events live in."""
    if prefix == "admin":
        return host_client("localhost", user=superuser), "public"
    return host_client("acme.localhost", user=cast.alice), cast.org_a.schema_name


def _events(schema: str) -> models.QuerySet[AuditEvent]:
    with schema_context(schema):
        return AuditEvent.objects.all()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("prefix", "model"), MODELS, ids=[f"{p}-{_id(m)}" for p, m in MODELS])
def test_a_write_in_the_admin_is_refused_or_an_audited_service_call(
    prefix, model, page, cast, superuser, host_client
):
    client, schema = _site_context(prefix, cast, superuser, host_client)
    label = model._meta.label_lower
    with schema_context(schema):
        row = model._default_manager.order_by("pk").first()
        rows = model._default_manager.count()
        last_event = AuditEvent.objects.order_by("id").values_list("id", flat=True).last() or 0
    base = f"/{prefix}/{model._meta.app_label}/{model._meta.model_name}/"
    # With no row, a made-up key: the permission is checked before the row is looked up.
    url = base + "add/" if page == "add" else f"{base}{row.pk if row else 0}/{page}/"
    service = SERVICE_PAGES.get((prefix, label, page))
    data = service[1](cast) if service else ({"post": "yes"} if page == "delete" else {})

    response = client.post(url, data)

    with schema_context(schema):
        events = list(AuditEvent.objects.filter(id__gt=last_event).order_by("id"))
        rows_after = model._default_manager.count()
    if service is None:
        assert response.status_code == 403, (
            f"{prefix} {label} {page} must be refused: the admin writes only through a service "
            "that audits (portal.service_admin, docs/decisions/0010-admin-read-only.md)"
        )
        assert events == [] and rows_after == rows
    else:
        assert response.status_code == 302, response.content.decode()[:3000]
        assert [e.action for e in events] == [service[0]]
        assert events[0].actor_id == superuser.pk


@pytest.mark.parametrize(("prefix", "model"), MODELS, ids=[f"{p}-{_id(m)}" for p, m in MODELS])
def test_every_list_and_row_can_still_be_read(prefix, model, cast, superuser, host_client):
    client, schema = _site_context(prefix, cast, superuser, host_client)
    with schema_context(schema):
        row = model._default_manager.order_by("pk").first()
    base = f"/{prefix}/{model._meta.app_label}/{model._meta.model_name}/"
    assert client.get(base).status_code == 200
    if row is not None:
        assert client.get(f"{base}{row.pk}/change/").status_code == 200


@pytest.mark.parametrize(("prefix", "model"), MODELS, ids=[f"{p}-{_id(m)}" for p, m in MODELS])
def test_every_admin_class_follows_the_one_rule(prefix, model, superuser, rf):
    model_admin = SITES[prefix]._registry[model]
    assert isinstance(model_admin, ServiceAdmin), f"{type(model_admin)} is not a ServiceAdmin"
    request = rf.get("/")
    request.user = superuser
    for inline_class in model_admin.inlines:
        inline = inline_class(model, SITES[prefix])
        assert not any(
            getattr(inline, f"has_{what}_permission")(request, None)
            for what in ("add", "change", "delete")
        ), f"{inline_class} saves rows past the services"


@pytest.mark.parametrize(("prefix", "model"), MODELS, ids=[f"{p}-{_id(m)}" for p, m in MODELS])
def test_admin_actions_are_audited_service_calls(prefix, model, cast, superuser, rf):
    request = rf.get("/")
    if prefix == "admin":
        request.user = superuser
        actions = SITES[prefix]._registry[model].get_actions(request)
    else:
        request.user = cast.alice
        request.membership = Membership.objects.get(user=cast.alice, organisation=cast.org_a)
        with tenant_context(cast.org_a):
            actions = SITES[prefix]._registry[model].get_actions(request)
    allowed = SERVICE_ACTIONS.get((prefix, model._meta.label_lower), set())
    assert set(actions) <= allowed


def test_changing_a_password_in_the_admin_is_refused(host_client, superuser, bob):
    client = host_client("localhost", user=superuser)
    response = client.post(
        f"/admin/accounts/user/{bob.pk}/password/",
        {"password1": "another-long-pass-2026", "password2": "another-long-pass-2026"},
    )
    assert response.status_code == 403


def test_granting_lead_and_restricted_access_records_who_granted_what(host_client, superuser, cast):
    client = host_client("localhost", user=superuser)
    response = client.post(
        "/admin/accounts/authoritymembership/add/", _grant_lead_with_restricted_access(cast)
    )
    assert response.status_code == 302
    membership = AuthorityMembership.objects.get(user=cast.carol)
    assert membership.role == "lead" and membership.restricted_access
    event = _events("public").get(action="authority_membership.added", object_id=str(membership.pk))
    assert event.actor_id == superuser.pk
    assert event.after["role"] == "lead" and event.after["restricted_access"] is True


def test_a_refusal_only_the_service_knows_is_shown_and_writes_nothing(host_client, superuser):
    client = host_client("localhost", user=superuser)
    form = {**_new_authority(None), "member_states": "XX"}
    response = client.post("/admin/accounts/authority/add/", form, follow=True)
    assert b"Not EU member-state codes: XX" in response.content
    assert not Authority.objects.filter(slug="mt-msa").exists()
    assert not _events("public").filter(action="authority.created").exists()


def test_staff_deactivate_and_reactivate_an_account_through_the_service(
    host_client, superuser, cast
):
    bob = cast.bob
    bobs_session = host_client("acme.localhost", user=bob)
    assert bobs_session.get("/").status_code == 200
    client = host_client("localhost", user=superuser)
    change = {"action": "deactivate", "_selected_action": [bob.pk]}
    assert client.post("/admin/accounts/user/", change).status_code == 302
    bob.refresh_from_db()
    assert not bob.is_active
    event = _events("public").get(action="user.deactivated", object_id=str(bob.pk))
    assert event.actor_id == superuser.pk
    assert bobs_session.get("/").status_code == 302  # the session no longer logs him in
    change["action"] = "reactivate"
    assert client.post("/admin/accounts/user/", change).status_code == 302
    bob.refresh_from_db()
    assert bob.is_active
    assert _events("public").filter(action="user.reactivated", object_id=str(bob.pk)).exists()


def test_staff_cannot_deactivate_themselves(host_client, superuser):
    client = host_client("localhost", user=superuser)
    client.post(
        "/admin/accounts/user/", {"action": "deactivate", "_selected_action": [superuser.pk]}
    )
    superuser.refresh_from_db()
    assert superuser.is_active


def test_the_grant_command_calls_the_same_audited_service(cast, superuser):
    out = io.StringIO()
    call_command(
        "authority_member_grant",
        authority="de-msa",
        email=cast.carol.email,
        role="lead",
        restricted=True,
        by=superuser.email,
        stdout=out,
    )
    membership = AuthorityMembership.objects.get(user=cast.carol)
    assert membership.role == "lead" and membership.restricted_access
    event = _events("public").get(action="authority_membership.added", object_id=str(membership.pk))
    assert event.actor_id == superuser.pk
    with pytest.raises(CommandError, match="already a member"):
        call_command(
            "authority_member_grant", authority="de-msa", email=cast.carol.email, role="reviewer"
        )
