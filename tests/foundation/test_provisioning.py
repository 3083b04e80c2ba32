from __future__ import annotations

import pytest
from django.db import connection

from portal.accounts.models import Membership, Role
from portal.audit.models import AuditEvent
from portal.errors import ValidationFailed
from portal.tenancy.models import Domain, Organisation
from portal.tenancy.services import organisation_provision


def _schema_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("select 1 from information_schema.schemata where schema_name = %s", [name])
        return cursor.fetchone() is not None


def _provision(owner, **overrides):
    fields = {
        "legal_name": "Initech AI Oy",
        "slug": "initech",
        "country": "FI",
        "organisation_type": "private_company",
    }
    fields.update(overrides)
    return organisation_provision(actor=owner, owner=owner, **fields)


def test_provisioning_creates_schema_domain_owner_and_audit_event(carol):
    organisation = _provision(carol, lei="7LTWFZYICNSX8D621K86", vat_number="FI 2021 0017")
    assert organisation.schema_name == "org_initech"
    assert _schema_exists("org_initech")
    assert Domain.objects.get(tenant=organisation).domain == "initech.localhost"
    assert Membership.objects.get(organisation=organisation).role == Role.OWNER
    assert organisation.vat_number == "FI20210017"
    event = AuditEvent.objects.get(
        action="organisation.provisioned", object_id=str(organisation.pk)
    )
    assert event.actor_label == carol.email
    assert event.after["slug"] == "initech"


def test_provisioned_schema_has_the_tenant_tables(carol):
    organisation = _provision(carol)
    with connection.cursor() as cursor:
        cursor.execute(
            "select 1 from information_schema.tables where table_schema = %s "
            "and table_name = 'audit_auditevent'",
            [organisation.schema_name],
        )
        assert cursor.fetchone() is not None


@pytest.mark.parametrize("slug", ["www", "api", "admin", "public", "static"])
def test_reserved_slug_is_refused_and_nothing_is_created(carol, slug):
    before = Organisation.objects.count()
    with pytest.raises(ValidationFailed) as excinfo:
        _provision(carol, slug=slug)
    assert "reserved" in excinfo.value.field_errors["slug"][0]
    assert Organisation.objects.count() == before
    assert not _schema_exists(f"org_{slug}")


@pytest.mark.parametrize("slug", ["a", "-acme", "acme-", "Acme", "ac_me", "a--b", "1abc", "x" * 41])
def test_malformed_slug_is_refused(carol, slug):
    with pytest.raises(ValidationFailed) as excinfo:
        _provision(carol, slug=slug)
    assert "slug" in excinfo.value.field_errors


def test_duplicate_slug_is_refused_with_a_clear_error(carol):
    with pytest.raises(ValidationFailed) as excinfo:
        _provision(carol, slug="acme")
    assert excinfo.value.field_errors["slug"] == [
        "An organisation with the short name 'acme' exists."
    ]
    assert Organisation.objects.filter(slug="acme").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("lei", "7LTWFZYICNSX8D621K87", "check digits"),
        ("lei", "TOO-SHORT", "20 characters"),
        ("vat_number", "DE12345", "format of a DE VAT"),
        ("vat_number", "US123456789", "member-state prefix"),
        ("euid", "not an euid", "not an EUID"),
        ("organisation_type", "cooperative", "Choose one of"),
        ("legal_name", "   ", "required"),
    ],
)
def test_invalid_identifiers_are_refused_and_nothing_is_created(carol, field, value, fragment):
    before = Organisation.objects.count()
    with pytest.raises(ValidationFailed) as excinfo:
        _provision(carol, **{field: value})
    assert fragment in " ".join(excinfo.value.field_errors[field])
    assert Organisation.objects.count() == before
    assert not _schema_exists("org_initech")


def test_failure_after_schema_creation_leaves_nothing_behind(carol, monkeypatch):
    from portal.tenancy import services

    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "audit_record", explode)
    with pytest.raises(RuntimeError):
        _provision(carol)
    assert not Organisation.objects.filter(slug="initech").exists()
    assert not Domain.objects.filter(domain="initech.localhost").exists()
    assert not Membership.objects.filter(user=carol).exists()
    assert not _schema_exists("org_initech")


def test_unknown_country_is_refused(carol):
    with pytest.raises(ValidationFailed) as excinfo:
        _provision(carol, country="XX")
    assert "country" in excinfo.value.field_errors
