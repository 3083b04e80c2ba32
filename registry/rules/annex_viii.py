"""Annex VIII registration items as data, and the completeness check of a registration.

A registration is a flat ``dict`` keyed by the snake_case field names below; the Django models
use exactly these names.  Parties are stored as name / address / contact-details triples (Annex
VIII says "name, address and contact details" each time).

Section A, provider of an Annex III high-risk system (Art 49(1)):
  A1  provider_name, provider_address, provider_contact_details
  A2  submitter_name, submitter_address, submitter_contact_details      (if submitted_on_behalf)
  A3  authorised_representative_name, authorised_representative_address,
      authorised_representative_contact_details          (unless provider_established_in_eu)
  A4  trade_name, system_reference (optional extra reference)
  A5  intended_purpose, components_and_functions
  A6  data_and_logic_description                                              [withheld 49(4)]
  A7  status (SystemStatus)
  A8  certificate_type (CertificateType), certificate_number, certificate_expiry_date (ISO date),
      notified_body_name or notified_body_number          (if a notified body; withheld 49(4))
  A9  certificate_scan                                    (if a notified body; withheld 49(4))
  A10 member_states (list of MemberState codes)
  A11 declaration_of_conformity                                               [withheld 49(4)]
  A12 instructions_for_use                       (never given for a 49(4) registration; withheld)
  A13 additional_information_url (optional)                                   [withheld 49(4)]
Section B, provider of an Annex III system exempted under Art 6(3) (Art 49(2)):
  B1-B3 as A1-A3; B4 trade_name, system_reference; B5 intended_purpose;
  B6 art6_3_conditions (list of "a".."d")                                     [withheld 49(4)]
  B7 art6_3_grounds_summary                                                   [withheld 49(4)]
  B8 status; B9 member_states
Section C, public-authority deployer of an Annex III high-risk system (Art 49(3)):
  C1 deployer_name, deployer_address, deployer_contact_details
  C2 submitter_name, submitter_address, submitter_contact_details
  C3 provider_entry_url
  C4 fria_summary                                                             [withheld 49(4)]
  C5 dpia_summary                                          (if dpia_required; withheld 49(4))

Condition fields (facts about the filing, not Annex VIII items; missing means false/none):
  submitted_on_behalf (bool; A2/B2), provider_established_in_eu (bool; A3/B3),
  conformity_assessment_route (ConformityRoute; A8/A9), dpia_required (bool; C5).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from .enums import (
    Art63Condition,
    CertificateType,
    ConformityRoute,
    MemberState,
    RegistrationSection,
    SystemStatus,
)

A, B, C = RegistrationSection.A, RegistrationSection.B, RegistrationSection.C


class Applicability(StrEnum):
    """When an item must be given (its legal source in the comment of each value)."""

    ALWAYS = "always"
    OPTIONAL = "optional"  # Annex VIII A13 "(optional)"
    SUBMITTED_ON_BEHALF = "submitted_on_behalf"  # A2/B2 "where ... by another person"
    NON_EU_PROVIDER = "non_eu_provider"  # A3/B3 "where applicable", Art 22(1)
    NOTIFIED_BODY = "notified_body"  # A8/A9 "where applicable", Art 43(1) Annex VII route
    DPIA_REQUIRED = "dpia_required"  # C5 "where applicable", GDPR Art 35 / LED Art 27


CONDITION_FIELDS: tuple[str, ...] = (
    "submitted_on_behalf",
    "provider_established_in_eu",
    "conformity_assessment_route",
    "dpia_required",
)

NOTIFIED_BODY_ROUTES = (
    ConformityRoute.ANNEX_VII_NOTIFIED_BODY,
    ConformityRoute.MSA_AS_NOTIFIED_BODY,
)


@dataclass(frozen=True, slots=True)
class AnnexVIIIItem:
    code: str
    section: RegistrationSection
    title: str
    citation: str
    fields: tuple[str, ...]
    # Fields that may stay empty even when the item is due (e.g. A4's extra reference).
    optional_fields: tuple[str, ...] = ()
    # Fields of which one is enough (A8: notified body "name or identification number").
    one_of: tuple[str, ...] = ()
    applicability: Applicability = Applicability.ALWAYS
    withheld_49_4: bool = False
    # Annex VIII A12: not provided at all for Annex III points 1, 6, 7 in LE and migration.
    forbidden_49_4: bool = False


def _party(prefix: str) -> tuple[str, ...]:
    return (f"{prefix}_name", f"{prefix}_address", f"{prefix}_contact_details")


def _item(
    section: RegistrationSection, point: int, title: str, *fields: str, **kw: Any
) -> AnnexVIIIItem:
    return AnnexVIIIItem(
        code=f"{section.value}{point}",
        section=section,
        title=title,
        citation=f"Annex VIII Section {section.value} point {point}",
        fields=fields,
        **kw,
    )


_ON_BEHALF = {"applicability": Applicability.SUBMITTED_ON_BEHALF}
_NON_EU = {"applicability": Applicability.NON_EU_PROVIDER}

SECTION_A_ITEMS: tuple[AnnexVIIIItem, ...] = (
    _item(A, 1, "Provider name, address and contact details", *_party("provider")),
    _item(A, 2, "Person submitting on the provider's behalf", *_party("submitter"), **_ON_BEHALF),
    _item(A, 3, "Authorised representative", *_party("authorised_representative"), **_NON_EU),
    _item(
        A,
        4,
        "Trade name and unambiguous reference",
        "trade_name",
        "system_reference",
        optional_fields=("system_reference",),
    ),
    _item(
        A,
        5,
        "Intended purpose, components and functions",
        "intended_purpose",
        "components_and_functions",
    ),
    _item(A, 6, "Data and operating logic", "data_and_logic_description", withheld_49_4=True),
    _item(A, 7, "Status of the AI system", "status"),
    _item(
        A,
        8,
        "Notified-body certificate",
        "certificate_type",
        "certificate_number",
        "certificate_expiry_date",
        "notified_body_name",
        "notified_body_number",
        one_of=("notified_body_name", "notified_body_number"),
        applicability=Applicability.NOTIFIED_BODY,
        withheld_49_4=True,
    ),
    _item(
        A,
        9,
        "Scanned copy of the certificate",
        "certificate_scan",
        applicability=Applicability.NOTIFIED_BODY,
        withheld_49_4=True,
    ),
    _item(A, 10, "Member States where available", "member_states"),
    _item(A, 11, "EU declaration of conformity", "declaration_of_conformity", withheld_49_4=True),
    _item(
        A,
        12,
        "Electronic instructions for use",
        "instructions_for_use",
        withheld_49_4=True,
        forbidden_49_4=True,
    ),
    _item(
        A,
        13,
        "URL for additional information",
        "additional_information_url",
        applicability=Applicability.OPTIONAL,
        withheld_49_4=True,
    ),
)

SECTION_B_ITEMS: tuple[AnnexVIIIItem, ...] = (
    _item(B, 1, "Provider name, address and contact details", *_party("provider")),
    _item(B, 2, "Person submitting on the provider's behalf", *_party("submitter"), **_ON_BEHALF),
    _item(B, 3, "Authorised representative", *_party("authorised_representative"), **_NON_EU),
    _item(
        B,
        4,
        "Trade name and unambiguous reference",
        "trade_name",
        "system_reference",
        optional_fields=("system_reference",),
    ),
    _item(B, 5, "Intended purpose", "intended_purpose"),
    _item(B, 6, "Art 6(3) conditions relied on", "art6_3_conditions", withheld_49_4=True),
    _item(
        B,
        7,
        "Summary of the grounds for not high-risk",
        "art6_3_grounds_summary",
        withheld_49_4=True,
    ),
    _item(B, 8, "Status of the AI system", "status"),
    _item(B, 9, "Member States where available", "member_states"),
)

SECTION_C_ITEMS: tuple[AnnexVIIIItem, ...] = (
    _item(C, 1, "Deployer name, address and contact details", *_party("deployer")),
    # C2 has no "where" clause: a public body always files through a named person.
    _item(C, 2, "Person submitting on the deployer's behalf", *_party("submitter")),
    _item(C, 3, "URL of the provider's EU-database entry", "provider_entry_url"),
    _item(
        C,
        4,
        "Summary of the fundamental-rights impact assessment",
        "fria_summary",
        withheld_49_4=True,
    ),
    _item(
        C,
        5,
        "Summary of the data protection impact assessment",
        "dpia_summary",
        applicability=Applicability.DPIA_REQUIRED,
        withheld_49_4=True,
    ),
)

ANNEX_VIII_ITEMS: tuple[AnnexVIIIItem, ...] = SECTION_A_ITEMS + SECTION_B_ITEMS + SECTION_C_ITEMS
_BY_SECTION = {A: SECTION_A_ITEMS, B: SECTION_B_ITEMS, C: SECTION_C_ITEMS}


def items_for(section: RegistrationSection | str) -> tuple[AnnexVIIIItem, ...]:
    try:
        return _BY_SECTION[RegistrationSection(section)]
    except ValueError:
        raise ValueError(f"Unknown Annex VIII section {section!r}; expected A, B or C") from None


# The condition field each applicability reads (Applicability.ALWAYS/OPTIONAL read none).
_CONDITION_OF = {
    Applicability.SUBMITTED_ON_BEHALF: "submitted_on_behalf",
    Applicability.NON_EU_PROVIDER: "provider_established_in_eu",
    Applicability.NOTIFIED_BODY: "conformity_assessment_route",
    Applicability.DPIA_REQUIRED: "dpia_required",
}


def fields_for(section: RegistrationSection | str) -> tuple[str, ...]:
    """Every field name a section uses: item fields, then the condition fields its items read."""
    items = items_for(section)
    names = [name for item in items for name in item.fields]
    names += [_CONDITION_OF[i.applicability] for i in items if i.applicability in _CONDITION_OF]
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True, slots=True)
class FieldIssue:
    code: str
    title: str
    field: str
    message: str = ""


@dataclass(frozen=True, slots=True)
class Completeness:
    section: RegistrationSection
    restricted: bool
    missing: tuple[FieldIssue, ...]
    # Art 49(4): items kept out of the public part (and not required) in a restricted filing.
    withheld: tuple[FieldIssue, ...]
    # Items given although Annex VIII says they shall not be (A12 in a restricted filing).
    forbidden: tuple[FieldIssue, ...]
    invalid: tuple[FieldIssue, ...]

    @property
    def is_complete(self) -> bool:
        return not (self.missing or self.forbidden or self.invalid)


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | tuple | set | frozenset | dict):
        return bool(value)
    return True


def _applies(item: AnnexVIIIItem, data: Mapping[str, Any]) -> bool:
    rule = item.applicability
    if rule is Applicability.ALWAYS:
        return True
    if rule is Applicability.SUBMITTED_ON_BEHALF:
        return data.get("submitted_on_behalf") is True
    if rule is Applicability.NON_EU_PROVIDER:
        return data.get("provider_established_in_eu") is not True
    if rule is Applicability.NOTIFIED_BODY:
        return data.get("conformity_assessment_route") in NOTIFIED_BODY_ROUTES
    if rule is Applicability.DPIA_REQUIRED:
        return data.get("dpia_required") is True
    return False  # OPTIONAL


def _validate(name: str, value: Any) -> str | None:
    """A message when a present value is not what the field holds, else None."""
    enum_fields: dict[str, type[StrEnum]] = {
        "status": SystemStatus,
        "certificate_type": CertificateType,
        "conformity_assessment_route": ConformityRoute,
    }
    list_fields: dict[str, type[StrEnum]] = {
        "member_states": MemberState,
        "art6_3_conditions": Art63Condition,
    }
    if name in enum_fields:
        allowed = [member.value for member in enum_fields[name]]
        if value not in allowed:
            return f"must be one of {', '.join(allowed)}"
    elif name in list_fields:
        allowed = [member.value for member in list_fields[name]]
        if not isinstance(value, list | tuple) or any(v not in allowed for v in value):
            return f"must be a list of {', '.join(allowed)}"
    elif name == "certificate_expiry_date" and not isinstance(value, date):
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return "must be an ISO date YYYY-MM-DD"
    return None


def check_completeness(
    section: RegistrationSection | str, data: Mapping[str, Any], *, restricted: bool
) -> Completeness:
    """Which Annex VIII items of ``section`` are missing from ``data``.

    ``restricted`` marks an Art 49(4) registration: the withheld items are then not required
    (Art 49(4) lists the reduced field set) and A12 must not be given at all.
    Keys of ``data`` that are not Annex VIII fields are ignored.
    """
    items = items_for(section)
    missing: list[FieldIssue] = []
    withheld: list[FieldIssue] = []
    forbidden: list[FieldIssue] = []
    invalid: list[FieldIssue] = []
    for item in items:
        for name in item.fields:
            if _present(data.get(name)):
                error = _validate(name, data[name])
                if error:
                    invalid.append(FieldIssue(item.code, item.title, name, error))
        if restricted and item.forbidden_49_4:
            forbidden += [
                FieldIssue(item.code, item.title, name, "must not be provided (Annex VIII A12)")
                for name in item.fields
                if _present(data.get(name))
            ]
        if restricted and item.withheld_49_4:
            withheld += [FieldIssue(item.code, item.title, name) for name in item.fields]
            continue
        if not _applies(item, data):
            continue
        required = [n for n in item.fields if n not in item.optional_fields + item.one_of]
        missing += [
            FieldIssue(item.code, item.title, name, "required")
            for name in required
            if not _present(data.get(name))
        ]
        if item.one_of and not any(_present(data.get(name)) for name in item.one_of):
            missing.append(
                FieldIssue(
                    item.code,
                    item.title,
                    item.one_of[0],
                    f"one of {', '.join(item.one_of)} is required",
                )
            )
    for name in CONDITION_FIELDS:
        if name == "conformity_assessment_route" and _present(data.get(name)):
            error = _validate(name, data[name])
            if error:
                invalid.append(FieldIssue("", "Conformity assessment route", name, error))
    return Completeness(
        section=RegistrationSection(section),
        restricted=restricted,
        missing=tuple(missing),
        withheld=tuple(withheld),
        forbidden=tuple(forbidden),
        invalid=tuple(invalid),
    )
