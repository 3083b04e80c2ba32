"""What may be filed follows the law: whether a subject's classification calls for a kind of
filing.

The one home of the rule. The workspace asks it when a draft is created, on its checklist and
when it is submitted (with the subject's latest classification); the register asks it again when
a lead registers a version, with the classification recorded in the version's snapshot, because
the register lives in the public schema and never reads an organisation's tables. Pure: no
database; of Django only the translation of its sentences.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

KIND_NOT_ALLOWED = "filing_kind_not_allowed"
CLASSIFICATION_OUTDATED = "classification_outdated"
EVIDENCE_NOT_OF_SUBJECT = "evidence_not_of_subject"

_SECTIONS = {"annex_viii_a": "A", "annex_viii_b": "B", "annex_viii_c": "C"}
_GPAI_TIERS = ("gpai", "gpai_systemic_risk")

# Who files each Annex VIII section (Art 49(1)-(3)), as the refusal explains it.
_SECTION_RULE = {
    "A": _(
        "Section A (Art 49(1)) is filed only for an Annex III high-risk system, by its provider "
        "or the provider's authorised representative; %(called_for)s"
    ),
    "B": _(
        "Section B (Art 49(2)) is filed only by the provider of an Annex III system exempted "
        "under a valid Art 6(3) derogation; %(called_for)s"
    ),
    "C": _(
        "Section C (Art 49(3)) is filed only by a public-authority deployer of an Annex III "
        "high-risk system; %(called_for)s"
    ),
}
_SECTION_CITATION = {"A": "Art 49(1)", "B": "Art 49(2)", "C": "Art 49(3)"}


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a kind of filing is not allowed: a stable code and a sentence citing the article."""

    code: str
    message: StrOrPromise


def kind_refusal(kind: str, classification: Mapping[str, Any] | None) -> Refusal | None:
    """None when ``classification`` (the classification contract's JSON) calls for a filing of
    ``kind``; otherwise the refusal. The Code of Practice declaration concerns the organisation,
    not a classified subject, and is always allowed."""
    if kind == "cop_signatory_declaration":
        return None
    if not classification:
        return Refusal(
            KIND_NOT_ALLOWED,
            _(
                "The filing records no classification, so nothing shows that the law calls for "
                "it (Art 49, Art 52(1)); classify the subject and file again."
            ),
        )
    tier = classification.get("risk_tier")
    if tier == "prohibited":
        practices = ", ".join(classification.get("obligations") or []) or "Art 5"
        return Refusal(
            KIND_NOT_ALLOWED,
            _(
                "Prohibited practice (%(practices)s): the system may not be placed on the "
                "market, put into service or used (Art 5), so nothing is filed about it."
            )
            % {"practices": practices},
        )
    if tier == "out_of_scope":
        citation = _registration_citation(classification, "Art 2")
        return Refusal(
            KIND_NOT_ALLOWED,
            _(
                "The system is outside the scope of the Regulation (%(citation)s), so nothing "
                "is filed about it."
            )
            % {"citation": citation},
        )
    section = _SECTIONS.get(kind)
    if section is not None:
        called_for = classification.get("registration_section")
        if classification.get("must_register_eu_database") and called_for == section:
            return None
        return Refusal(
            KIND_NOT_ALLOWED,
            _SECTION_RULE[section] % {"called_for": _what_is_called_for(classification)},
        )
    if kind == "gpai_art52_notification":
        if tier == "gpai_systemic_risk" and "Art 52(1)" in (
            classification.get("obligations") or []
        ):
            return None
        return Refusal(
            KIND_NOT_ALLOWED,
            _(
                "An Art 52(1) notification is filed only for a general-purpose AI model that "
                "meets the Art 51(1)(a) threshold (10^25 FLOP of training compute, Art 51(2)); "
                "this model's classification does not call for one."
            ),
        )
    if kind == "gpai_training_summary":
        if tier in _GPAI_TIERS:
            return None
        return Refusal(
            KIND_NOT_ALLOWED,
            _(
                "A public summary of training content (Art 53(1)(d)) is filed only for a "
                "general-purpose AI model."
            ),
        )
    if kind == "gpai_model_documentation":
        if tier in _GPAI_TIERS:
            return None
        return Refusal(
            KIND_NOT_ALLOWED,
            _(
                "Model documentation (Art 53(1)(a), Annex XI) is filed only for a "
                "general-purpose AI model."
            ),
        )
    return Refusal(KIND_NOT_ALLOWED, _("Unknown kind of filing: %(kind)s.") % {"kind": kind})


def _registration_citation(classification: Mapping[str, Any], default: str) -> str:
    for step in classification.get("explanation") or []:
        if isinstance(step, Mapping) and step.get("step") == "registration":
            return str(step.get("citation") or default)
    return default


def _what_is_called_for(classification: Mapping[str, Any]) -> str:
    section = classification.get("registration_section")
    if classification.get("must_register_eu_database") and section in _SECTION_CITATION:
        return _(
            "this subject's classification calls for Section %(section)s (%(citation)s) instead."
        ) % {"section": section, "citation": _SECTION_CITATION[section]}
    citation = _registration_citation(classification, "Art 49, Art 71(1)")
    return _(
        "this subject's classification calls for no registration in the EU database (%(citation)s)."
    ) % {"citation": citation}
