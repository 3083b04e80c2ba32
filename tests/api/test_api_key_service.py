"""api_key_create / api_key_revoke: who may, what is audited, what is stored."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django_tenants.utils import tenant_context

from portal.accounts.api_keys import api_key_authenticate, api_key_create, api_key_revoke
from portal.accounts.models import ApiKey, Authority
from portal.audit.models import AuditEvent
from portal.errors import Forbidden, ValidationFailed
from tests.api.helpers import PUBLIC_HOST


def test_admin_creates_a_key_shown_once_and_audited_in_the_organisation(alice, org_a):
    api_key, plaintext = api_key_create(
        actor=alice, organisation=org_a, name="ERP", scopes=["write", "read"]
    )
    assert plaintext.startswith(api_key.prefix + "_")
    assert api_key.scopes == ["read", "write"]
    assert api_key_authenticate(plaintext) == api_key
    with tenant_context(org_a):
        event = AuditEvent.objects.get(action="api_key.created", object_id=str(api_key.pk))
    assert event.actor_id == alice.pk
    assert plaintext not in str(event.after)


def test_editor_cannot_create_a_key(bob, org_a):
    with pytest.raises(Forbidden):
        api_key_create(actor=bob, organisation=org_a, name="x", scopes=["read"])


def test_admin_of_a_cannot_create_a_key_for_b(alice, org_b):
    with pytest.raises(Forbidden):
        api_key_create(actor=alice, organisation=org_b, name="x", scopes=["read"])


def test_key_cannot_mint_a_key_with_more_scopes(alice, org_a):
    admin_key, _ = api_key_create(actor=alice, organisation=org_a, name="a", scopes=["admin"])
    with pytest.raises(Forbidden):
        api_key_create(actor=admin_key, organisation=org_a, name="b", scopes=["admin", "write"])
    child, _ = api_key_create(actor=admin_key, organisation=org_a, name="c", scopes=["admin"])
    assert child.created_by_key == admin_key


def test_bad_input_names_the_fields(alice, org_a):
    with pytest.raises(ValidationFailed) as exc:
        api_key_create(actor=alice, organisation=org_a, name=" ", scopes=["root"])
    assert set(exc.value.field_errors) == {"name", "scopes"}


def test_revocation_is_audited_and_final(alice, org_a):
    api_key, plaintext = api_key_create(actor=alice, organisation=org_a, name="x", scopes=["read"])
    api_key_revoke(actor=alice, api_key=api_key)
    assert api_key_authenticate(plaintext) is None
    api_key_revoke(actor=alice, api_key=api_key)  # again: no second event
    with tenant_context(org_a):
        assert (
            AuditEvent.objects.filter(action="api_key.revoked", object_id=str(api_key.pk)).count()
            == 1
        )


def test_key_belongs_to_exactly_one_owner_in_the_database(org_a, msa):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ApiKey.objects.create(
            organisation=org_a,
            authority=msa,
            name="both",
            prefix="aap_bothboth",
            secret_hash="x",
            scopes=["read"],
        )


def test_only_a_lead_reviewer_creates_authority_keys(cast):
    office = Authority.objects.get(slug="ai-office")
    with pytest.raises(Forbidden):
        api_key_create(
            actor=cast.regulator,
            authority=Authority.objects.get(slug="de-msa"),
            name="x",
            scopes=["read"],
        )
    api_key, _ = api_key_create(
        actor=cast.ai_office_lead, authority=office, name="x", scopes=["read"]
    )
    assert AuditEvent.objects.filter(action="api_key.created", object_id=str(api_key.pk)).exists()


def test_management_command_prints_a_working_regulator_key(cast, api, capsys):
    call_command(
        "regulator_api_key", authority="ai-office", by=cast.ai_office_lead.email, name="review bot"
    )
    plaintext = capsys.readouterr().out.strip()
    body = api(PUBLIC_HOST, key=plaintext).get("/api/v1/me").json()
    assert body["authority"]["slug"] == "ai-office"
    assert body["api_key"]["scopes"] == ["read"]


def _fields(api_key: ApiKey) -> dict[str, object]:
    return {f.attname: getattr(api_key, f.attname) for f in ApiKey._meta.concrete_fields}


def test_the_compiled_look_up_reads_what_the_orm_reads(alice, org_a, msa, make_key):
    """api_key_authenticate runs SQL compiled once (portal.accounts.api_keys._KeyLookup): the
    key, and an authority's key's authority, must come back as the ORM would build them."""
    api_key, plaintext = api_key_create(
        actor=alice, organisation=org_a, name="ERP", scopes=["read", "write"]
    )
    found = api_key_authenticate(plaintext, with_authority=False)
    assert found is not None and _fields(found) == _fields(ApiKey.objects.get(pk=api_key.pk))
    assert found.scopes == ["read", "write"] and found.created_at.tzinfo is not None
    assert api_key_authenticate(plaintext[:-1] + ("A" if plaintext[-1] != "A" else "B")) is None
    assert api_key_authenticate("aap_nosuchk_" + "x" * 43) is None

    regulator_plaintext = make_key(msa, scopes=["read"])
    regulator_key = api_key_authenticate(regulator_plaintext)
    assert regulator_key is not None
    stored = ApiKey.objects.select_related("authority").get(pk=regulator_key.pk)
    assert _fields(regulator_key) == _fields(stored)
    authority_fields = [f.attname for f in Authority._meta.concrete_fields]
    assert [getattr(regulator_key.authority, n) for n in authority_fields] == [
        getattr(stored.authority, n) for n in authority_fields
    ]
