"""Building an Annex VIII registration from a system: the dict ``registry.rules`` checks and a
filing snapshots. Keys are exactly ``registry.rules.fields_for(section)``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection

from portal.tenancy.models import Organisation
from registry import rules
from registry.workspace.models import AISystem, Evidence

PROVIDER_ROLES = {"provider", "product_manufacturer"}


def evidence_reference(evidence: Evidence | None) -> dict[str, Any] | None:
    """How a registration cites a file: enough to find it and to prove it unchanged."""
    if evidence is None:
        return None
    return {
        "evidence_id": evidence.pk,
        "uid": str(evidence.uid),
        "sha256": evidence.sha256,
        "filename": evidence.original_filename,
        "content_type": evidence.content_type,
        "size": evidence.size,
    }


def organisation_party(organisation: Organisation) -> dict[str, str]:
    """An organisation as Annex VIII "name, address and contact details"."""
    contact = [
        organisation.contact_name,
        organisation.contact_email,
        organisation.contact_phone,
        organisation.website,
    ]
    return {
        "name": organisation.legal_name,
        "address": organisation.address,
        "contact_details": "; ".join(part for part in contact if part),
    }


def _default_party(data: dict[str, Any], prefix: str, party: dict[str, str]) -> None:
    for part, value in party.items():
        key = f"{prefix}_{part}"
        if key in data and not (data[key] or "").strip():
            data[key] = value


def _representative_from_mandate(
    data: dict[str, Any], system: AISystem, organisation: Organisation
) -> None:
    """Annex VIII A3/B3 of a non-EU provider: the representative whose mandate in force covers
    the system, which wins over anything typed on the system (Art 22(1)); left as typed when no
    mandate is in force (the filing gate refuses that filing anyway)."""
    from registry.register.selectors_mandates import mandate_active_for

    mandate = mandate_active_for(provider=organisation, system_uid=str(system.uid))
    if mandate is None:
        return
    for part, value in organisation_party(mandate.representative).items():
        data[f"authorised_representative_{part}"] = value


def system_registration_data(
    system: AISystem,
    section: str,
    *,
    organisation: Organisation | None = None,
) -> dict[str, Any]:
    """The registration of ``system`` under Annex VIII ``section`` ("A", "B" or "C").

    A non-EU provider's representative (A3/B3) comes from its mandate in force. Blank provider
    details (A1/B1) of a system this organisation provides, and blank deployer
    details (C1) and submitter details (C2: a public body files through its contact person) of a
    system it deploys, are filled from the organisation; anything set on the system wins.
    Evidence items (A9, A11, A12) are cited by ``evidence_reference``; dates are ISO strings.
    """
    organisation = organisation or connection.tenant
    section = rules.RegistrationSection(section).value
    data: dict[str, Any] = {}
    for name in rules.fields_for(section):
        if name in ("certificate_scan", "declaration_of_conformity", "instructions_for_use"):
            value: Any = evidence_reference(getattr(system, name))
        else:
            value = getattr(system, name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, list):
            value = list(value)
        data[name] = value
    party = organisation_party(organisation)
    if section in ("A", "B") and system.role in PROVIDER_ROLES:
        _default_party(data, "provider", party)
    if section == "C":
        _default_party(data, "deployer", party)
        contact_person = {**party, "name": organisation.contact_name or party["name"]}
        _default_party(data, "submitter", contact_person)
    if section in ("A", "B") and system.role in PROVIDER_ROLES and not organisation.eu_established:
        _representative_from_mandate(data, system, organisation)
    if "provider_established_in_eu" in data and data["provider_established_in_eu"] is None:
        data["provider_established_in_eu"] = (
            organisation.eu_established if system.role in PROVIDER_ROLES else None
        )
    for name in ("status", "certificate_type", "conformity_assessment_route"):
        if name in data and not data[name]:
            data[name] = None
    return data


def system_completeness(
    system: AISystem, section: str | None = None, *, organisation: Organisation | None = None
) -> rules.Completeness:
    """Which Annex VIII items are missing; the section and Art 49(4) restriction default to
    the system's latest classification."""
    section = section or system.registration_section
    if not section:
        raise ValueError(f"{system} has no registration section; classify it or pass one.")
    restricted = system.registration_visibility == rules.RegistrationVisibility.RESTRICTED_49_4
    data = system_registration_data(system, section, organisation=organisation)
    return rules.check_completeness(section, data, restricted=restricted)
