from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from portal.errors import Conflict, Forbidden, ValidationFailed
from registry.register.models import Filing, FilingVersion
from registry.workspace import services
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.selectors.drafts import filing_draft_checklist
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.filing_flow.builders import complete_section_a_system


def test_checklist_lists_what_annex_viii_still_needs(alice, org_a):
    with tenant_context(org_a):
        system = services.ai_system_create(actor=alice, trade_name="Bare", role="provider")
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        checklist = filing_draft_checklist(draft)
    codes = {item.code for item in checklist.missing}
    assert {"A5", "A7", "A10", "A11", "classification"} <= codes
    assert not checklist.complete


def test_submit_of_incomplete_draft_is_refused_with_the_missing_items(alice, org_a, no_enqueue):
    with tenant_context(org_a):
        system = services.ai_system_create(actor=alice, trade_name="Bare", role="provider")
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        with pytest.raises(ValidationFailed) as excinfo:
            filing_draft_submit(actor=alice, draft=draft, confirmed=True)
        draft.refresh_from_db()
        assert draft.register_filing_id is None
    assert excinfo.value.code == "filing_incomplete"
    assert "intended_purpose" in excinfo.value.field_errors
    assert Filing.objects.count() == 0


def test_complete_section_a_is_filed_with_its_evidence_and_classification(alice, org_a, no_enqueue):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        checklist = filing_draft_checklist(draft)
        assert checklist.complete, checklist.missing
        version = filing_draft_submit(actor=alice, draft=draft, confirmed=True)
        draft.refresh_from_db()
    assert draft.register_filing_id == version.filing_id and draft.last_submitted_version == 1
    snapshot = version.snapshot
    assert [item["code"] for item in snapshot["registration"]["items"]][:3] == ["A1", "A2", "A3"]
    assert snapshot["classification"]["risk_tier"] == "high_risk"
    assert {e["name"] for e in snapshot["evidence"]} == {"declaration.pdf", "instructions.pdf"}
    assert snapshot["risk_summary"][0]["hazard"] == "Proxy discrimination"
    assert version.filing.member_states == ["DE"]
    assert version.filing.organisation == org_a


def test_editor_cannot_submit(bob, alice, org_a, no_enqueue):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=bob, kind="annex_viii_a", system_id=system.pk)
        with pytest.raises(Forbidden):
            filing_draft_submit(actor=bob, draft=draft, confirmed=True)
    assert FilingVersion.objects.count() == 0


def test_draft_cannot_name_a_system_outside_this_organisation(alice, org_a, org_b, cast):
    with tenant_context(org_b):
        theirs = services.ai_system_create(actor=cast.owner_b, trade_name="Theirs", role="provider")
    with tenant_context(org_a):
        # Ids are per schema: B's id does not exist in A's schema, whatever number it has.
        with pytest.raises(ValidationFailed):
            filing_draft_create(actor=alice, kind="annex_viii_a", system_id=theirs.pk + 1000)
        assert FilingDraft.objects.count() == 0


def test_wrong_section_for_the_classification_is_refused(alice, org_a, no_enqueue):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        with pytest.raises(Conflict) as excinfo:
            filing_draft_create(actor=alice, kind="annex_viii_b", system_id=system.pk)
        assert not FilingDraft.objects.exists()
    assert excinfo.value.code == "filing_kind_not_allowed"
    assert "Section A (Art 49(1))" in excinfo.value.message


def test_public_authority_deployer_selects_the_providers_registered_entry(
    alice, org_a, org_b, cast, no_enqueue
):
    from portal.accounts.models import AuthorityMembership, User
    from registry.register.services.review import filing_register

    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        provider_version = filing_draft_submit(actor=alice, draft=draft, confirmed=True)
    lead = User.objects.create_user(email="lead2@msa.test", password=None)
    AuthorityMembership.objects.create(
        user=lead,
        authority=AuthorityMembership.objects.get(user=cast.regulator).authority,
        role="lead",
    )
    filing_register(actor=lead, filing=provider_version.filing)
    with tenant_context(org_b):
        deployed = services.ai_system_create(
            actor=cast.owner_b, trade_name="HireRank", role="deployer"
        )
        c_draft = filing_draft_create(
            actor=cast.owner_b,
            kind="annex_viii_c",
            system_id=deployed.pk,
            provider_filing_id=provider_version.filing_id,
        )
        checklist = filing_draft_checklist(c_draft)
    c3 = next(item for item in checklist.items if item["code"] == "C3")
    assert str(provider_version.filing_id) in c3["fields"]["provider_entry_url"]
    assert not any(item.code == "C3" for item in checklist.missing)


def test_unregistered_provider_entry_cannot_be_selected(alice, org_a, cast, no_enqueue):
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        version = filing_draft_submit(actor=alice, draft=draft, confirmed=True)
        deployed = services.ai_system_create(actor=alice, trade_name="Used", role="deployer")
        with pytest.raises(ValidationFailed):
            filing_draft_create(
                actor=alice,
                kind="annex_viii_c",
                system_id=deployed.pk,
                provider_filing_id=version.filing_id,
            )


def test_a_submit_only_api_key_files_a_complete_draft_but_cannot_edit(alice, org_a, no_enqueue):
    from portal.accounts.api_keys import api_key_create

    key, _ = api_key_create(actor=alice, name="filer", scopes=["submit"], organisation=org_a)
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        version = filing_draft_submit(actor=key, draft=draft, confirmed=True)
        with pytest.raises(Forbidden):
            services.ai_system_update(actor=key, system=system, intended_purpose="changed")
    assert version.number == 1


def test_a_read_write_key_without_submit_scope_cannot_file(alice, org_a, no_enqueue):
    from portal.accounts.api_keys import api_key_create

    key, _ = api_key_create(
        actor=alice, name="editor", scopes=["read", "write"], organisation=org_a
    )
    with tenant_context(org_a):
        system = complete_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        with pytest.raises(Forbidden):
            filing_draft_submit(actor=key, draft=draft, confirmed=True)
    assert FilingVersion.objects.count() == 0
