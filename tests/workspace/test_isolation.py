from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from portal.errors import Forbidden, NotFound, ValidationFailed
from registry.workspace import selectors, services
from registry.workspace.models import AISystem, RiskRecord
from tests.workspace.helpers import counts, make_system, pdf, upload

RISK = {"hazard": "h", "likelihood": "rare", "severity": "minor"}


def test_data_created_in_a_is_invisible_from_b(org_a, org_b, bob):
    with tenant_context(org_a):
        make_system(bob, "Acme only")
        upload(bob, pdf())
    with tenant_context(org_b):
        assert not selectors.ai_system_list().exists()
        assert not selectors.evidence_list().exists()


def test_record_pointing_to_a_system_that_exists_only_in_b_is_refused(org_a, org_b, cast, alice):
    with tenant_context(org_b):
        foreign = make_system(cast.owner_b, "Globex system")
    with tenant_context(org_a):
        assert not AISystem.objects.filter(pk=foreign.pk).exists()
        before = counts()
        with pytest.raises(ValidationFailed) as exc:
            services.risk_record_create(actor=alice, system=foreign.pk, **RISK)
        assert exc.value.code == "unknown_reference"
        assert counts() == before


def test_an_instance_from_b_is_refused_in_a_even_when_ids_collide(org_a, org_b, cast, alice):
    with tenant_context(org_a):
        make_system(alice, "Acme system")
    with tenant_context(org_b):
        foreign = make_system(cast.owner_b, "Globex system")
    with tenant_context(org_a):
        # Same id or not, the uid tells the rows apart.
        with pytest.raises(ValidationFailed):
            services.risk_record_create(actor=alice, system=foreign, **RISK)
        with pytest.raises(NotFound):
            services.ai_system_update(actor=alice, system=foreign, trade_name="hijack")
        assert not RiskRecord.objects.exists()


def test_a_viewer_of_b_cannot_write_in_b(org_b, bob):
    with tenant_context(org_b), pytest.raises(Forbidden):
        make_system(bob)


def test_evidence_of_a_and_b_are_stored_apart(org_a, org_b, bob, cast, media_root):
    with tenant_context(org_a):
        a = upload(bob, pdf("same"))
    with tenant_context(org_b):
        b = upload(cast.owner_b, pdf("same"))
    assert a.file.name.startswith(f"evidence/{org_a.schema_name}/")
    assert b.file.name.startswith(f"evidence/{org_b.schema_name}/")
    assert a.sha256 == b.sha256
