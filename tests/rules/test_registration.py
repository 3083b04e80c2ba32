"""The respondent's own registration duty (Art 49, Annex VIII; ai-act.md section 2)."""

from __future__ import annotations

import pytest

from .helpers import result


@pytest.mark.parametrize("role", ["provider", "product_manufacturer", "authorised_representative"])
def test_art49_1_provider_side_registers_annex_iii_high_risk_in_section_a(role: str) -> None:
    data = result(role=role, annex_iii_area="3(a)")
    assert data["must_register_eu_database"] is True
    assert data["registration_section"] == "A"
    assert data["registration_visibility"] == "public"
    assert "Art 49(1)" in data["obligations"]


def test_art22_3_authorised_representative_of_non_eu_provider_registers_on_its_behalf() -> None:
    data = result(
        role="authorised_representative",
        respondent_established_in_eu=True,
        provider_established_in_eu=False,
        annex_iii_area="4(b)",
    )
    assert data["obligations"] == ["Art 22(3)", "Art 49(1)"]
    assert data["registration_section"] == "A"


@pytest.mark.parametrize("role", ["importer", "distributor"])
def test_art49_importers_and_distributors_never_register(role: str) -> None:
    data = result(role=role, organisation_type="public_authority", annex_iii_area="4(a)")
    assert data["must_register_eu_database"] is False
    assert data["registration_section"] is None
    assert data["registration_visibility"] is None


@pytest.mark.parametrize("organisation_type", ["public_authority", "eu_institution"])
def test_art49_3_public_body_deployer_registers_its_use_in_section_c(
    organisation_type: str,
) -> None:
    data = result(role="deployer", organisation_type=organisation_type, annex_iii_area="5(a)")
    assert data["must_register_eu_database"] is True
    assert data["registration_section"] == "C"
    assert data["registration_visibility"] == "public"
    assert data["obligations"] == ["Art 26", "Art 27", "Art 49(3)"]


@pytest.mark.parametrize("organisation_type", ["private_company", "non_profit"])
def test_art49_3_private_deployer_does_not_register(organisation_type: str) -> None:
    data = result(role="deployer", organisation_type=organisation_type, annex_iii_area="5(a)")
    assert data["must_register_eu_database"] is False
    assert data["registration_section"] is None


@pytest.mark.parametrize("area", ["6(a)", "6(e)", "7(b)", "7(d)"])
def test_art49_4_law_enforcement_and_migration_points_register_in_the_non_public_section(
    area: str,
) -> None:
    provider = result(role="provider", annex_iii_area=area)
    assert provider["registration_section"] == "A"
    assert provider["registration_visibility"] == "restricted_49_4"
    assert "Art 49(4)" in provider["obligations"]
    deployer = result(role="deployer", organisation_type="public_authority", annex_iii_area=area)
    assert deployer["registration_section"] == "C"
    assert deployer["registration_visibility"] == "restricted_49_4"


def test_art49_4_biometrics_are_restricted_only_in_law_enforcement_or_migration() -> None:
    assert result(role="provider", annex_iii_area="1(a)")["registration_visibility"] == "public"
    migration = result(
        role="provider", annex_iii_area="1(a)", used_for_migration_asylum_border=True
    )
    assert migration["registration_visibility"] == "restricted_49_4"


def test_art49_4_art6_3_section_b_filing_for_point_7_is_restricted_too() -> None:
    data = result(
        role="provider", annex_iii_area="7(c)", art6_3_derogation_claimed=True, art6_3_condition="b"
    )
    assert data["registration_section"] == "B"
    assert data["registration_visibility"] == "restricted_49_4"
    assert data["obligations"] == ["Art 6(4)", "Art 49(2)", "Art 49(4)"]


def test_art49_5_critical_infrastructure_provider_registers_nationally_not_in_eu_database() -> None:
    data = result(role="provider", provider_established_in_eu=True, annex_iii_area="2")
    assert data["risk_tier"] == "high_risk"
    assert data["must_register_eu_database"] is False
    assert data["registration_section"] is None
    assert data["registration_visibility"] == "national"
    assert "Art 49(5)" in data["obligations"]
    assert "Art 49(1)" not in data["obligations"]


def test_art49_3_and_art27_exclude_critical_infrastructure_for_public_deployers() -> None:
    data = result(role="deployer", organisation_type="public_authority", annex_iii_area="2")
    assert data["must_register_eu_database"] is False
    assert data["registration_section"] is None
    assert data["obligations"] == ["Art 26"]


def test_art49_2_has_no_point_2_carve_out_so_derogated_infrastructure_registers_section_b() -> None:
    data = result(
        role="provider", annex_iii_area="2", art6_3_derogation_claimed=True, art6_3_condition="a"
    )
    assert (data["must_register_eu_database"], data["registration_section"]) == (True, "B")
    assert data["registration_visibility"] == "public"


@pytest.mark.parametrize(
    "facts",
    [
        {"interacts_with_humans": True},
        {"annex_i_product": True, "annex_i_third_party_conformity_assessment": True},
        {},
    ],
)
def test_art71_1_only_annex_iii_systems_are_registered(facts: dict) -> None:
    data = result(role="provider", **facts)
    assert data["must_register_eu_database"] is False
    assert data["registration_section"] is None
    assert data["registration_visibility"] is None


def test_registration_without_a_role_is_not_attributed() -> None:
    data = result(annex_iii_area="4(a)")
    assert data["risk_tier"] == "high_risk"
    assert data["must_register_eu_database"] is False
    assert data["obligations"] == []
