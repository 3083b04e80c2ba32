"""The ``facts`` input of the classification contract: schema, validation and normalisation.

``Facts`` is the single source of truth for the accepted keys: its field names are the contract's
keys, its defaults are what a missing key means ("no / not applicable": false, null or "none"),
and each field's metadata names the kind of value it accepts.  An explicit JSON ``null`` is read
as a missing key, because a form or REST client naturally sends null for "not applicable".
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from enum import StrEnum
from typing import Any

from .enums import (
    AnnexIIIArea,
    AnnexISection,
    Art5Exception,
    Art50Exception,
    Art63Condition,
    BecomesProviderArt25,
    DateStatus,
    EmotionRecognitionSetting,
    OrganisationType,
    OutOfScope,
    RemoteBiometricIdentification,
    Role,
)
from .errors import FactsError

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_BOOL: Mapping[str, Any] = {"kind": "bool"}


def _enum(enum: type[StrEnum]) -> Mapping[str, Any]:
    return {"kind": "enum", "enum": enum}


@dataclass(frozen=True, slots=True)
class Facts:
    role: Role | None = field(default=None, metadata=_enum(Role))
    organisation_type: OrganisationType | None = field(
        default=None, metadata=_enum(OrganisationType)
    )
    respondent_established_in_eu: bool = field(default=False, metadata=_BOOL)
    provider_established_in_eu: bool = field(default=False, metadata=_BOOL)
    # General-purpose AI models, Arts 51-55.
    is_gpai_model: bool = field(default=False, metadata=_BOOL)
    training_flops: float | None = field(default=None, metadata={"kind": "number"})
    open_source_release: bool = field(default=False, metadata=_BOOL)
    monetised: bool = field(default=False, metadata=_BOOL)
    commission_designated_systemic_risk: bool = field(default=False, metadata=_BOOL)
    # High-risk, Art 6.
    annex_iii_area: AnnexIIIArea | None = field(default=None, metadata=_enum(AnnexIIIArea))
    annex_i_product: bool = field(default=False, metadata=_BOOL)
    annex_i_legislation: str | None = field(default=None, metadata={"kind": "text"})
    annex_i_third_party_conformity_assessment: bool = field(default=False, metadata=_BOOL)
    safety_component: bool = field(default=False, metadata=_BOOL)
    art6_3_derogation_claimed: bool = field(default=False, metadata=_BOOL)
    art6_3_condition: Art63Condition | None = field(default=None, metadata=_enum(Art63Condition))
    performs_profiling: bool = field(default=False, metadata=_BOOL)
    # Transparency, Art 50.
    interacts_with_humans: bool = field(default=False, metadata=_BOOL)
    generates_synthetic_content: bool = field(default=False, metadata=_BOOL)
    generates_deepfakes: bool = field(default=False, metadata=_BOOL)
    publishes_ai_text_on_public_interest: bool = field(default=False, metadata=_BOOL)
    # Biometrics and prohibited practices, Art 5 and Annex III point 1.
    emotion_recognition: bool = field(default=False, metadata=_BOOL)
    emotion_recognition_setting: EmotionRecognitionSetting | None = field(
        default=None, metadata=_enum(EmotionRecognitionSetting)
    )
    medical_or_safety_purpose: bool = field(default=False, metadata=_BOOL)
    biometric_categorisation: bool = field(default=False, metadata=_BOOL)
    infers_sensitive_attributes: bool = field(default=False, metadata=_BOOL)
    remote_biometric_identification: RemoteBiometricIdentification = field(
        default=RemoteBiometricIdentification.NONE, metadata=_enum(RemoteBiometricIdentification)
    )
    publicly_accessible_space: bool = field(default=False, metadata=_BOOL)
    used_for_law_enforcement: bool = field(default=False, metadata=_BOOL)
    used_for_migration_asylum_border: bool = field(default=False, metadata=_BOOL)
    art5_exception_invoked: Art5Exception | None = field(
        default=None, metadata=_enum(Art5Exception)
    )
    social_scoring: bool = field(default=False, metadata=_BOOL)
    criminal_risk_prediction_solely_profiling: bool = field(default=False, metadata=_BOOL)
    untargeted_facial_image_scraping: bool = field(default=False, metadata=_BOOL)
    manipulative_or_exploitative_techniques: bool = field(default=False, metadata=_BOOL)
    # Dates and transitional rules, Art 111.
    intended_for_public_authorities: bool = field(default=False, metadata=_BOOL)
    placed_on_market_date: date | None = field(default=None, metadata={"kind": "date"})
    date_status: DateStatus | None = field(default=None, metadata=_enum(DateStatus))
    significant_design_change_after_2026_08_02: bool = field(default=False, metadata=_BOOL)
    # Contract 2: the edges of the Act (scope, value chain, exceptions, Annex I sections).
    annex_i_section: AnnexISection | None = field(default=None, metadata=_enum(AnnexISection))
    out_of_scope: OutOfScope | None = field(default=None, metadata=_enum(OutOfScope))
    provides_public_services: bool = field(default=False, metadata=_BOOL)
    becomes_provider_art25: BecomesProviderArt25 | None = field(
        default=None, metadata=_enum(BecomesProviderArt25)
    )
    art50_exceptions: tuple[Art50Exception, ...] = field(
        default=(), metadata={"kind": "enum_list", "enum": Art50Exception}
    )
    # Art 111(1): an AI component of a large-scale IT system of Annex X (SIS, VIS, Eurodac, ...).
    # Not one of the contract's five: see docs/decisions/0007-rules-engine-contract-2.md.
    annex_x_system: bool = field(default=False, metadata=_BOOL)


FACT_KEYS: tuple[str, ...] = tuple(f.name for f in fields(Facts))


def _parse(kind: str, meta: Mapping[str, Any], value: Any) -> tuple[Any, str | None]:
    """Return ``(normalised value, None)`` or ``(None, error message)``."""
    if kind == "bool":
        if isinstance(value, bool):
            return value, None
        return None, f"must be true or false, got {value!r}"
    if kind == "enum":
        enum: type[StrEnum] = meta["enum"]
        allowed = [member.value for member in enum]
        if isinstance(value, str) and value in allowed:
            return enum(value), None
        return None, f"must be one of {', '.join(allowed)}; got {value!r}"
    if kind == "enum_list":
        enum_type: type[StrEnum] = meta["enum"]
        names = [member.value for member in enum_type]
        if not isinstance(value, list | tuple) or not all(
            isinstance(item, str) and item in names for item in value
        ):
            return None, f"must be a list of {', '.join(names)}; got {value!r}"
        # Set semantics in a fixed order, so equal answers give equal facts.
        return tuple(member for member in enum_type if member.value in value), None
    if kind == "number":
        # bool is an int subclass; True FLOPs is a typo, not a number.
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None, f"must be a number, got {value!r}"
        if not math.isfinite(value) or value < 0:
            return None, f"must be a finite number >= 0, got {value!r}"
        return value, None
    if kind == "text":
        if isinstance(value, str):
            return value, None
        return None, f"must be a string, got {value!r}"
    if kind == "date":
        if isinstance(value, date) and type(value) is date:
            return value, None
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                return date.fromisoformat(value), None
            except ValueError:
                pass
        return None, f"must be an ISO date YYYY-MM-DD, got {value!r}"
    raise AssertionError(f"unknown fact kind {kind}")  # pragma: no cover


_SPECS: dict[str, tuple[str, Mapping[str, Any]]] = {
    f.name: (f.metadata["kind"], f.metadata) for f in fields(Facts)
}


def parse_facts(facts: Mapping[str, Any] | Facts) -> Facts:
    """Validate a facts mapping and return ``Facts``; raise ``FactsError`` naming every bad key."""
    if isinstance(facts, Facts):
        return facts
    if not isinstance(facts, Mapping):
        raise FactsError({"facts": f"must be an object mapping keys to values, got {facts!r}"})
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key, value in facts.items():
        if not isinstance(key, str) or key not in _SPECS:
            errors[str(key)] = "unknown key"
            continue
        if value is None:
            continue
        kind, meta = _SPECS[key]
        parsed, error = _parse(kind, meta, value)
        if error is not None:
            errors[key] = error
        else:
            values[key] = parsed
    if errors:
        raise FactsError(errors)
    parsed = Facts(**values)
    errors = _combination_errors(parsed)
    if errors:
        raise FactsError(errors)
    return parsed


# Art 25(1) names the operators that can become a provider; a provider already is one.
ART25_ROLES = (Role.DEPLOYER, Role.IMPORTER, Role.DISTRIBUTOR)


def _combination_errors(facts: Facts) -> dict[str, str]:
    """Answers that are each valid but that the law does not allow together."""
    errors: dict[str, str] = {}
    role = facts.role.value if facts.role is not None else ""
    if facts.out_of_scope is OutOfScope.PERSONAL_NON_PROFESSIONAL and role not in ("", "deployer"):
        # Art 2(10) relieves deployers who are natural persons acting privately, nobody else.
        errors["out_of_scope"] = (
            "personal_non_professional (Art 2(10)) covers only a deployer who is a natural "
            f"person using the system privately, not the role {role}"
        )
    if facts.becomes_provider_art25 is not None and facts.role not in (None, *ART25_ROLES):
        errors["becomes_provider_art25"] = (
            "Art 25(1) applies to a deployer, importer or distributor (or another third party), "
            f"not to the role {role}"
        )
    return errors


def facts_to_dict(facts: Facts) -> dict[str, Any]:
    """The JSON form of ``Facts`` with every key present (for storing next to a result)."""
    out: dict[str, Any] = {}
    for key in FACT_KEYS:
        value = getattr(facts, key)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, StrEnum):
            value = value.value
        elif isinstance(value, tuple):
            value = [item.value for item in value]
        out[key] = value
    return out


def facts_json_schema() -> dict[str, Any]:
    """The facts object as a JSON Schema (the OpenAPI 3.0 dialect: `nullable`), built from
    ``Facts`` like ``parse_facts`` is, so the document and the engine take the same input:
    the known keys only, each with its kind of value (null: not given), and the combinations
    ``_combination_errors`` refuses written as constraints."""
    properties: dict[str, Any] = {}
    for key, (kind, meta) in _SPECS.items():
        if kind == "bool":
            schema: dict[str, Any] = {"type": "boolean"}
        elif kind == "enum":
            schema = {"type": "string", "enum": [*(m.value for m in meta["enum"]), None]}
        elif kind == "enum_list":
            values = [m.value for m in meta["enum"]]
            schema = {"type": "array", "items": {"type": "string", "enum": values}}
        elif kind == "number":
            schema = {"type": "number", "minimum": 0}
        elif kind == "text":
            schema = {"type": "string"}
        else:  # date
            schema = {"type": "string", "format": "date"}
        properties[key] = {**schema, "nullable": True}

    def given(key: str, values: list[str]) -> dict[str, Any]:
        return {"required": [key], "properties": {key: {"enum": values}}}

    def role_is(roles: list[str]) -> list[dict[str, Any]]:
        return [{"not": {"required": ["role"]}}, {"properties": {"role": {"enum": [*roles, None]}}}]

    becomes = [m.value for m in BecomesProviderArt25]
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "allOf": [
            # Art 2(10): personal non-professional use is a deployer's only.
            {
                "anyOf": [
                    {"not": given("out_of_scope", [OutOfScope.PERSONAL_NON_PROFESSIONAL.value])},
                    *role_is([Role.DEPLOYER.value]),
                ]
            },
            # Art 25(1): a deployer, importer or distributor becomes a provider.
            {
                "anyOf": [
                    {"not": given("becomes_provider_art25", becomes)},
                    *role_is([r.value for r in ART25_ROLES]),
                ]
            },
        ],
    }
