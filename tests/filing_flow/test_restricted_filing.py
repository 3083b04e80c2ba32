"""Art 49(4) restricted filings store only what the law allows (issue 11, item 6): Section A
points 1-5, 7 and 10 (B 1-5, 8, 9; C 1-3). The other items are left out of the snapshot, as the
samples (registry.filings.samples) show them, their files are not filed, and the checklist says
why; A12 is never given."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django_tenants.utils import tenant_context

from portal.errors import ValidationFailed
from registry.filings.samples import sample_snapshot
from registry.workspace import services
from registry.workspace.demo_files import minimal_pdf
from registry.workspace.selectors.drafts import filing_draft_checklist
from registry.workspace.services.drafts import filing_draft_create, filing_draft_submit
from tests.filing_flow.builders import restricted_section_a_system

KEPT = {"A1", "A2", "A3", "A4", "A5", "A7", "A10"}
LEFT_OUT = {"A6", "A8", "A9", "A11", "A12", "A13"}


def _left_out(items: list[dict[str, Any]]) -> set[str]:
    return {
        item["code"]
        for item in items
        if item["withheld_from_public"] and all(v is None for v in item["fields"].values())
    }


def test_restricted_filing_stores_only_the_items_art_49_4_allows(alice, org_a, no_enqueue):
    with tenant_context(org_a):
        system = restricted_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        checklist = filing_draft_checklist(draft)
        assert checklist.complete, checklist.missing
        version = filing_draft_submit(actor=alice, draft=draft)
    assert version.filing.restricted is True
    items = version.snapshot["registration"]["items"]
    assert _left_out(items) == LEFT_OUT
    kept = {item["code"]: item["fields"] for item in items if item["code"] in KEPT}
    assert kept["A5"]["intended_purpose"].startswith("Estimates")
    assert kept["A10"]["member_states"] == ["DE"]
    text = version.canonical
    assert "Logistic model" not in text and "acme.example/victimrisk" not in text
    assert version.snapshot["evidence"] == []  # the declaration (A11) is not filed
    # What is filed and what the samples show a restricted filing to be agree.
    assert _left_out(sample_snapshot(restricted=True)["registration"]["items"]) == LEFT_OUT


def test_checklist_says_which_items_art_49_4_leaves_out_and_why(alice, org_a):
    with tenant_context(org_a):
        system = restricted_section_a_system(alice)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        checklist = filing_draft_checklist(draft)
    assert [item["code"] for item in checklist.excluded] == sorted(
        LEFT_OUT, key=lambda code: int(code[1:])
    )
    assert all(item["citation"].startswith("Annex VIII Section A") for item in checklist.excluded)
    assert checklist.kept_codes == "A1–A5, A7, A10"


def test_instructions_for_use_are_never_given_in_a_restricted_filing(alice, org_a, no_enqueue):
    with tenant_context(org_a):
        system = restricted_section_a_system(alice)
        instructions = services.evidence_upload(
            actor=alice,
            file=io.BytesIO(minimal_pdf("Instructions VictimRisk")),
            filename="instructions.pdf",
            systems=[system],
        )
        services.ai_system_update(actor=alice, system=system, instructions_for_use=instructions)
        draft = filing_draft_create(actor=alice, kind="annex_viii_a", system_id=system.pk)
        with pytest.raises(ValidationFailed) as excinfo:
            filing_draft_submit(actor=alice, draft=draft)
    assert excinfo.value.code == "filing_incomplete"
    assert "instructions_for_use" in excinfo.value.field_errors
