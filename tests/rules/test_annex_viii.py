"""Annex VIII registration items and completeness (ai-act.md section 3, Art 49(4))."""

from __future__ import annotations

from typing import Any

import pytest

from registry.rules import (
    ANNEX_VIII_ITEMS,
    SECTION_A_ITEMS,
    SECTION_B_ITEMS,
    SECTION_C_ITEMS,
    check_completeness,
    fields_for,
)


def _party(prefix: str) -> dict[str, str]:
    return {
        f"{prefix}_name": f"{prefix} ltd",
        f"{prefix}_address": "Rue 1, Brussels",
        f"{prefix}_contact_details": "ops@example.eu",
    }


SECTION_A: dict[str, Any] = {
    **_party("provider"),
    "provider_established_in_eu": True,
    "trade_name": "HireRank",
    "intended_purpose": "Ranking job applications",
    "components_and_functions": "Scoring model, reviewer UI",
    "data_and_logic_description": "CVs in, gradient-boosted score out",
    "status": "on_market",
    "member_states": ["DE", "FR"],
    "declaration_of_conformity": "doc-42.pdf",
    "instructions_for_use": "https://example.eu/ifu",
}
SECTION_B: dict[str, Any] = {
    **_party("provider"),
    "provider_established_in_eu": True,
    "trade_name": "FormCheck",
    "intended_purpose": "Checks that forms are complete",
    "art6_3_conditions": ["a"],
    "art6_3_grounds_summary": "Narrow procedural task only",
    "status": "in_service",
    "member_states": ["NL"],
}
SECTION_C: dict[str, Any] = {
    **_party("deployer"),
    **_party("submitter"),
    "provider_entry_url": "https://database.example.eu/A/123",
    "fria_summary": "Risks to applicants mitigated by review",
}


def _missing(section: str, data: dict[str, Any], restricted: bool = False) -> set[str]:
    return {
        issue.field for issue in check_completeness(section, data, restricted=restricted).missing
    }


def test_annex_viii_defines_13_9_and_5_items_with_unique_codes() -> None:
    assert [item.code for item in SECTION_A_ITEMS] == [f"A{n}" for n in range(1, 14)]
    assert [item.code for item in SECTION_B_ITEMS] == [f"B{n}" for n in range(1, 10)]
    assert [item.code for item in SECTION_C_ITEMS] == [f"C{n}" for n in range(1, 6)]
    for item in ANNEX_VIII_ITEMS:
        assert item.citation == f"Annex VIII Section {item.section} point {item.code[1:]}"
        assert item.fields and all(name.islower() and " " not in name for name in item.fields)


def test_art49_4_withheld_items_match_the_reduced_field_sets() -> None:
    withheld = {item.code for item in ANNEX_VIII_ITEMS if item.withheld_49_4}
    assert withheld == {"A6", "A8", "A9", "A11", "A12", "A13", "B6", "B7", "C4", "C5"}


@pytest.mark.parametrize("section,data", [("A", SECTION_A), ("B", SECTION_B), ("C", SECTION_C)])
def test_annex_viii_complete_registration_has_nothing_missing(
    section: str, data: dict[str, Any]
) -> None:
    outcome = check_completeness(section, data, restricted=False)
    assert outcome.is_complete, outcome
    assert outcome.withheld == ()


def test_annex_viii_a_reports_each_missing_field_with_its_item() -> None:
    data = {k: v for k, v in SECTION_A.items() if k not in ("intended_purpose", "status")}
    data["trade_name"] = "   "  # blank text is missing
    outcome = check_completeness("A", data, restricted=False)
    assert {(i.code, i.field) for i in outcome.missing} == {
        ("A4", "trade_name"),
        ("A5", "intended_purpose"),
        ("A7", "status"),
    }
    assert not outcome.is_complete


def test_annex_viii_a3_authorised_representative_required_for_non_eu_provider() -> None:
    data = SECTION_A | {"provider_established_in_eu": False}
    assert _missing("A", data) == {
        "authorised_representative_name",
        "authorised_representative_address",
        "authorised_representative_contact_details",
    }
    assert _missing("A", data | _party("authorised_representative")) == set()


def test_annex_viii_a2_submitter_only_when_someone_files_on_the_providers_behalf() -> None:
    assert _missing("B", SECTION_B | {"submitted_on_behalf": True}) == {
        "submitter_name",
        "submitter_address",
        "submitter_contact_details",
    }


def test_annex_viii_a8_a9_certificate_items_only_for_the_notified_body_route() -> None:
    internal = SECTION_A | {"conformity_assessment_route": "annex_vi_internal_control"}
    assert _missing("A", internal) == set()
    notified = SECTION_A | {"conformity_assessment_route": "annex_vii_notified_body"}
    assert _missing("A", notified) == {
        "certificate_type",
        "certificate_number",
        "certificate_expiry_date",
        "notified_body_name",  # "name or identification number": one of them
        "certificate_scan",
    }
    certificate = {
        "certificate_type": "technical_documentation_assessment_annex_vii",
        "certificate_number": "NB-0123-2026-7",
        "certificate_expiry_date": "2030-05-01",
        "notified_body_number": "0123",
        "certificate_scan": "cert.pdf",
    }
    assert check_completeness("A", notified | certificate, restricted=False).is_complete


def test_art49_4_restricted_section_a_does_not_require_withheld_items() -> None:
    data = {
        k: v
        for k, v in SECTION_A.items()
        if k
        not in ("data_and_logic_description", "declaration_of_conformity", "instructions_for_use")
    }
    assert _missing("A", data, restricted=False) == {
        "data_and_logic_description",
        "declaration_of_conformity",
        "instructions_for_use",
    }
    outcome = check_completeness(
        "A", data | {"conformity_assessment_route": "msa_as_notified_body"}, restricted=True
    )
    assert outcome.is_complete
    assert {i.code for i in outcome.withheld} == {"A6", "A8", "A9", "A11", "A12", "A13"}


def test_annex_viii_a12_instructions_for_use_must_not_be_given_for_restricted_systems() -> None:
    outcome = check_completeness("A", SECTION_A, restricted=True)
    assert [(i.code, i.field) for i in outcome.forbidden] == [("A12", "instructions_for_use")]
    assert not outcome.is_complete


def test_art49_4_restricted_section_b_and_c_subsets() -> None:
    b = {k: v for k, v in SECTION_B.items() if not k.startswith("art6_3")}
    assert _missing("B", b) == {"art6_3_conditions", "art6_3_grounds_summary"}
    assert _missing("B", b, restricted=True) == set()
    c = {k: v for k, v in SECTION_C.items() if k != "fria_summary"}
    assert _missing("C", c) == {"fria_summary"}
    assert check_completeness("C", c, restricted=True).is_complete


def test_annex_viii_c5_dpia_summary_only_where_a_dpia_is_required() -> None:
    assert _missing("C", SECTION_C | {"dpia_required": True}) == {"dpia_summary"}
    assert _missing("C", SECTION_C | {"dpia_required": False}) == set()
    assert _missing("C", {k: v for k, v in SECTION_C.items() if not k.startswith("submitter")}) == {
        "submitter_name",
        "submitter_address",
        "submitter_contact_details",
    }


def test_annex_viii_invalid_values_are_reported() -> None:
    data = SECTION_A | {"status": "live", "member_states": ["DE", "UK"]}
    outcome = check_completeness("A", data, restricted=False)
    assert {i.field for i in outcome.invalid} == {"status", "member_states"}
    assert not outcome.is_complete
    b = SECTION_B | {"art6_3_conditions": ["z"]}
    assert {i.field for i in check_completeness("B", b, restricted=False).invalid} == {
        "art6_3_conditions"
    }


def test_annex_viii_field_names_per_section_are_stable() -> None:
    assert fields_for("C") == (
        "deployer_name",
        "deployer_address",
        "deployer_contact_details",
        "submitter_name",
        "submitter_address",
        "submitter_contact_details",
        "provider_entry_url",
        "fria_summary",
        "dpia_summary",
        "dpia_required",
    )
    assert fields_for("B")[-2:] == ("submitted_on_behalf", "provider_established_in_eu")
    assert "conformity_assessment_route" in fields_for("A")
    with pytest.raises(ValueError):
        check_completeness("D", {}, restricted=False)
