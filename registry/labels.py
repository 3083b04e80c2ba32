"""The portal's one table of labels: the translated wording of each coded value (roles, risk
tiers, Annex III areas, member states, Annex VIII items ...), each with the article or annex
point that defines it.

``registry.rules`` is pure Python and English-only and owns the codes; this module owns what a
person reads for them. The workspace pages, the model choices (``registry.workspace.choices``),
the regulator console and the public register all read it, so it belongs to neither web package.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from registry import rules

ROLE = {
    "provider": _("Provider (Art 3(3))"),
    "deployer": _("Deployer (Art 3(4))"),
    "importer": _("Importer (Art 3(6))"),
    "distributor": _("Distributor (Art 3(7))"),
    "authorised_representative": _("Authorised representative (Art 3(5))"),
    "product_manufacturer": _("Product manufacturer (Art 25(3))"),
}
ORGANISATION_TYPE = {
    "private_company": _("Private company"),
    "public_authority": _("Public authority (Art 49(3))"),
    "eu_institution": _("EU institution, body, office or agency (Art 49(3))"),
    "non_profit": _("Non-profit organisation"),
}
RISK_TIER = {
    "prohibited": _("Prohibited practice (Art 5)"),
    "high_risk": _("High-risk (Art 6)"),
    "limited_risk_transparency": _("Transparency obligations (Art 50)"),
    "minimal_risk": _("Minimal risk"),
    "gpai": _("General-purpose AI model (Art 53)"),
    "gpai_systemic_risk": _("GPAI model with systemic risk (Art 55)"),
    "out_of_scope": _("Outside the scope of the AI Act (Art 2)"),
}
UNCLASSIFIED = _("Not classified yet")
ANNEX_III_AREA = {
    "1(a)": _("1(a) Remote biometric identification"),
    "1(b)": _("1(b) Biometric categorisation by sensitive attributes"),
    "1(c)": _("1(c) Emotion recognition"),
    "2": _("2 Critical infrastructure (safety components)"),
    "3(a)": _("3(a) Education: access and admission"),
    "3(b)": _("3(b) Education: evaluating learning outcomes"),
    "3(c)": _("3(c) Education: assessing the level of education"),
    "3(d)": _("3(d) Education: monitoring behaviour during tests"),
    "4(a)": _("4(a) Employment: recruitment and selection"),
    "4(b)": _("4(b) Employment: decisions on work relationships"),
    "5(a)": _("5(a) Eligibility for public assistance benefits"),
    "5(b)": _("5(b) Creditworthiness and credit scoring"),
    "5(c)": _("5(c) Life and health insurance pricing"),
    "5(d)": _("5(d) Emergency calls and triage"),
    "6(a)": _("6(a) Law enforcement: risk of becoming a victim"),
    "6(b)": _("6(b) Law enforcement: polygraphs"),
    "6(c)": _("6(c) Law enforcement: reliability of evidence"),
    "6(d)": _("6(d) Law enforcement: risk of offending"),
    "6(e)": _("6(e) Law enforcement: profiling"),
    "7(a)": _("7(a) Migration: polygraphs"),
    "7(b)": _("7(b) Migration: risk assessment"),
    "7(c)": _("7(c) Migration: examining applications"),
    "7(d)": _("7(d) Migration: detecting and identifying persons"),
    "8(a)": _("8(a) Administration of justice"),
    "8(b)": _("8(b) Elections and referendums"),
}
ART63_CONDITION = {
    "a": _("(a) a narrow procedural task"),
    "b": _("(b) improves a previously completed human activity"),
    "c": _("(c) detects decision patterns without replacing human assessment"),
    "d": _("(d) a preparatory task to an assessment"),
}
SYSTEM_STATUS = {
    "on_market": _("On the market"),
    "in_service": _("In service"),
    "no_longer_on_market": _("No longer on the market"),
    "no_longer_in_service": _("No longer in service"),
    "recalled": _("Recalled (Art 3(16))"),
}
CERTIFICATE_TYPE = {
    "qms_approval_annex_vii": _("QMS approval (Annex VII point 3)"),
    "technical_documentation_assessment_annex_vii": _(
        "Technical documentation assessment (Annex VII point 4)"
    ),
    "sectoral": _("Sectoral certificate (Art 43(3))"),
}
CONFORMITY_ROUTE = {
    "annex_vi_internal_control": _("Internal control (Art 43(2), Annex VI)"),
    "annex_vii_notified_body": _("Notified body (Art 43(1)(b), Annex VII)"),
    "sectoral_annex_i": _("Sectoral procedure (Art 43(3))"),
    "msa_as_notified_body": _("Market surveillance authority as notified body (Art 43(1))"),
}
REMOTE_BIOMETRIC = {
    "none": _("No remote biometric identification"),
    "real_time": _("Real-time (Art 3(42))"),
    "post": _("Post (Art 3(43))"),
}
EMOTION_SETTING = {
    "workplace": _("Workplace"),
    "education": _("Education institution"),
    "other": _("Another setting"),
}
ART5_EXCEPTION = {
    "5(1)(h)(i)": _("Search for victims or missing persons (Art 5(1)(h)(i))"),
    "5(1)(h)(ii)": _("Imminent threat to life or of a terrorist attack (Art 5(1)(h)(ii))"),
    "5(1)(h)(iii)": _("Locating a suspect of a serious crime (Art 5(1)(h)(iii))"),
}
LEGAL_CALENDAR = {
    "original_2024_1689": _("As adopted (Art 113 Regulation (EU) 2024/1689)"),
    "amended_2026_1744": _("As amended (Regulation (EU) 2026/1744, Digital Omnibus on AI)"),
}
# The steps of a classification's explanation (registry.rules.Step), as the reader sees them.
EXPLANATION_STEP = {
    "art_2": _("Scope (Art 2)"),
    "art_5": _("Prohibited practices (Art 5)"),
    "gpai": _("General-purpose AI model (Art 51)"),
    "art_6_1": _("Safety component of a product (Art 6(1))"),
    "annex_iii": _("Annex III use (Art 6(2))"),
    "art_6_3": _("Derogation (Art 6(3))"),
    "art_50": _("Transparency (Art 50)"),
    "art_25": _("Becoming a provider (Art 25)"),
    "risk_tier": _("Risk tier"),
    "registration": _("Registration (Art 49)"),
    "art_27": _("Fundamental-rights impact assessment (Art 27)"),
    "obligations": _("Obligations"),
    "art_111": _("Systems already on the market (Art 111)"),
    "compliance_deadline": _("Date of application"),
}
TRANSPARENCY_TRIGGER = {
    "50(1)": _("Interaction with people (Art 50(1))"),
    "50(2)": _("Synthetic content (Art 50(2))"),
    "50(3)": _("Emotion recognition or biometric categorisation (Art 50(3))"),
    "50(4)": _("Deep fake or text on matters of public interest (Art 50(4))"),
}
SUBJECT_TYPE = {
    "ai_system": _("AI system"),
    "gpai_model": _("General-purpose AI model"),
    "organisation": _("Organisation"),
}
YES_NO = {True: _("Yes"), False: _("No")}
DATE_STATUS = {"planned": _("Planned"), "actual": _("Actual")}
OUT_OF_SCOPE = {
    "military_defence_national_security": _(
        "Exclusively military, defence or national-security purposes (Art 2(3))"
    ),
    "scientific_research_only": _("Sole purpose of scientific research and development (Art 2(6))"),
    "research_testing_before_market": _(
        "Research, testing or development before placing on the market, not real-world "
        "testing (Art 2(8))"
    ),
    "personal_non_professional": _(
        "Purely personal, non-professional use by a natural person (Art 2(10))"
    ),
}
ANNEX_I_SECTION = {
    "A": _("Section A (New Legislative Framework: machinery, toys, medical devices, ...)"),
    "B": _("Section B (vehicles, aviation, marine equipment, rail: Art 2(2))"),
}
BECOMES_PROVIDER_ART25 = {
    "own_name_or_trademark": _("You put your name or trademark on it (Art 25(1)(a))"),
    "substantial_modification": _("You made a substantial modification (Art 25(1)(b))"),
    "changed_intended_purpose": _(
        "You changed its intended purpose so that it becomes high-risk (Art 25(1)(c))"
    ),
}
ART50_EXCEPTION = {
    "law_enforcement_authorised": _(
        "Use authorised by law to detect, prevent, investigate or prosecute criminal offences "
        "(Art 50(1)-(4))"
    ),
    "obvious_from_context": _(
        "It is obvious from the context that people deal with AI (Art 50(1))"
    ),
    "assistive_or_standard_editing": _(
        "Assistive standard editing, or the input is not substantially altered (Art 50(2))"
    ),
    "artistic_satirical_fictional": _(
        "Deep fakes in an evidently artistic, satirical or fictional work: limited disclosure "
        "(Art 50(4))"
    ),
    "human_editorial_control": _(
        "The text is under human review and someone holds editorial responsibility (Art 50(4))"
    ),
}
SECTION = {
    "A": _("Section A: provider of a high-risk system (Art 49(1))"),
    "B": _("Section B: provider relying on Art 6(3) (Art 49(2))"),
    "C": _("Section C: public-authority deployer (Art 49(3))"),
}
VISIBILITY = {
    "public": _("Public (Art 71(4))"),
    "restricted_49_4": _("Restricted, non-public section (Art 49(4))"),
    "national": _("National registration (Art 49(5))"),
}
# Serious incidents (Art 3(49), Art 73, Art 55(1)(c); registry.rules.incidents).
INCIDENT_REGIME = {
    "art73": _("Serious incident of a high-risk AI system (Art 73)"),
    "art55": _("Serious incident of a GPAI model with systemic risk (Art 55(1)(c))"),
}
INCIDENT_HARM = {
    "death": _("Death of a person (Art 3(49)(a))"),
    "health": _("Serious harm to a person's health (Art 3(49)(a))"),
    "critical_infrastructure": _(
        "Serious and irreversible disruption of critical infrastructure (Art 3(49)(b))"
    ),
    "fundamental_rights": _(
        "Infringement of obligations under Union law protecting fundamental rights (Art 3(49)(c))"
    ),
    "property_environment": _("Serious harm to property or the environment (Art 3(49)(d))"),
    "cybersecurity": _(
        "Serious cybersecurity breach, including exfiltration of model weights (CoP Measure 9.3)"
    ),
}
# What each harm covers and the clock it starts, for the person choosing it.
INCIDENT_HARM_HELP = {
    "death": _(
        "Someone died, and the AI system is or may be the cause. Report within 10 days of "
        "becoming aware (Art 73(4)); for a GPAI model, 10 days (CoP Measure 9.3)."
    ),
    "health": _(
        "A person's health was seriously harmed. Report within 15 days of becoming aware "
        "(Art 73(2))."
    ),
    "critical_infrastructure": _(
        "The management or operation of critical infrastructure was seriously and irreversibly "
        "disrupted. Report within 2 days of becoming aware (Art 73(3))."
    ),
    "fundamental_rights": _(
        "An obligation under Union law intended to protect fundamental rights was infringed, "
        "e.g. discrimination. Report within 15 days, or 2 days if the infringement is widespread "
        "(Art 73(2), 73(3))."
    ),
    "property_environment": _(
        "Property or the environment was seriously harmed. Report within 15 days of becoming "
        "aware (Art 73(2))."
    ),
    "cybersecurity": _(
        "Only for GPAI models with systemic risk: a serious breach of the model's or its "
        "infrastructure's security. Report within 5 days (CoP Measure 9.3)."
    ),
}
# Annex VIII items by code (the titles of registry.rules.annex_viii, translated).
ANNEX_VIII_ITEM = {
    "A1": _("Provider name, address and contact details"),
    "A2": _("Person submitting on the provider's behalf"),
    "A3": _("Authorised representative"),
    "A4": _("Trade name and unambiguous reference"),
    "A5": _("Intended purpose, components and functions"),
    "A6": _("Data and operating logic"),
    "A7": _("Status of the AI system"),
    "A8": _("Notified-body certificate"),
    "A9": _("Scanned copy of the certificate"),
    "A10": _("Member States where available"),
    "A11": _("EU declaration of conformity"),
    "A12": _("Electronic instructions for use"),
    "A13": _("URL for additional information"),
    "B1": _("Provider name, address and contact details"),
    "B2": _("Person submitting on the provider's behalf"),
    "B3": _("Authorised representative"),
    "B4": _("Trade name and unambiguous reference"),
    "B5": _("Intended purpose"),
    "B6": _("Art 6(3) conditions relied on"),
    "B7": _("Summary of the grounds for not high-risk"),
    "B8": _("Status of the AI system"),
    "B9": _("Member States where available"),
    "C1": _("Deployer name, address and contact details"),
    "C2": _("Person submitting on the deployer's behalf"),
    "C3": _("URL of the provider's EU-database entry"),
    "C4": _("Summary of the fundamental-rights impact assessment"),
    "C5": _("Summary of the data protection impact assessment"),
}


MEMBER_STATE = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FR": _("France"),
    "GR": _("Greece"),
    "HR": _("Croatia"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IT": _("Italy"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "LV": _("Latvia"),
    "MT": _("Malta"),
    "NL": _("Netherlands"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "SE": _("Sweden"),
    "SI": _("Slovenia"),
    "SK": _("Slovakia"),
}


# The public summary of training content (Art 53(1)(d); the AI Office's template), by section and
# by field key (registry.workspace.training_summary).
TRAINING_SUMMARY_ITEM = {
    "T1": _("General information"),
    "T2": _("List of data sources"),
    "T3": _("Relevant data-processing aspects"),
}
MODALITY = {
    "text": _("Text"),
    "image": _("Images"),
    "audio": _("Audio"),
    "video": _("Video"),
    "other": _("Other"),
}
SOURCE_USE = {"used": _("Used"), "not_used": _("Not used")}
TRAINING_SUMMARY_FIELD: dict[str, Any] = {
    "model_name": _("Model name"),
    "model_version": _("Model version"),
    "modalities": _("Modalities of the training data"),
    "size_text": _("Size of the text data"),
    "size_image": _("Size of the image data"),
    "size_audio": _("Size of the audio data"),
    "size_video": _("Size of the video data"),
    "size_other": _("Size of the data of other modalities"),
    "data_cutoff": _("Latest date of data collection"),
    "public_datasets_used": _("Publicly available datasets"),
    "public_datasets_description": _("Publicly available datasets: description"),
    "licensed_data_used": _("Licensed or private third-party data"),
    "licensed_data_description": _("Licensed or private third-party data: description"),
    "crawled_data_used": _("Data crawled or scraped from the web"),
    "crawled_data_description": _("Data crawled or scraped from the web: description"),
    "crawlers": _("Crawlers (user agents)"),
    "crawl_period_start": _("Crawling period from"),
    "crawl_period_end": _("Crawling period to"),
    "top_domains": _("Most relevant domain names crawled"),
    "user_data_used": _("User data"),
    "user_data_description": _("User data: description"),
    "synthetic_data_used": _("Synthetic data"),
    "synthetic_data_description": _("Synthetic data: description"),
    "other_sources_used": _("Other sources"),
    "other_sources_description": _("Other sources: description"),
    "opt_out_measures": _("Honouring text-and-data-mining opt-outs (Art 4(3) Directive 2019/790)"),
    "illegal_content_measures": _("Removal of illegal content"),
    "other_processing": _("Other data-processing aspects"),
}


# Registration fields by key: the Annex VIII wording (the item is the heading above them).
FIELD: dict[str, Any] = {
    "provider_name": _("Name"),
    "provider_address": _("Address"),
    "provider_contact_details": _("Contact details"),
    "submitter_name": _("Name"),
    "submitter_address": _("Address"),
    "submitter_contact_details": _("Contact details"),
    "authorised_representative_name": _("Name"),
    "authorised_representative_address": _("Address"),
    "authorised_representative_contact_details": _("Contact details"),
    "deployer_name": _("Name"),
    "deployer_address": _("Address"),
    "deployer_contact_details": _("Contact details"),
    "trade_name": _("Trade name"),
    "system_reference": _("Unambiguous reference (version, model, identifier)"),
    "intended_purpose": _("Intended purpose"),
    "components_and_functions": _("Components and functions"),
    "data_and_logic_description": _("Data and operating logic"),
    "status": _("Status"),
    "certificate_type": _("Certificate type"),
    "certificate_number": _("Certificate number"),
    "certificate_expiry_date": _("Certificate expiry date"),
    "notified_body_name": _("Notified body name"),
    "notified_body_number": _("Notified body identification number"),
    "certificate_scan": _("Scanned certificate"),
    "member_states": _("Member States"),
    "declaration_of_conformity": _("EU declaration of conformity (Art 47)"),
    "instructions_for_use": _("Electronic instructions for use"),
    "additional_information_url": _("URL for additional information"),
    "art6_3_conditions": _("Art 6(3) conditions relied on"),
    "art6_3_grounds_summary": _("Summary of the grounds"),
    "provider_entry_url": _("URL of the provider's EU-database entry"),
    "provider_registration_number": _("Provider's EU-database registration number"),
    "fria_summary": _("FRIA summary (Art 27)"),
    "dpia_summary": _("DPIA summary (GDPR Art 35)"),
    "submitted_on_behalf": _("Submitted by another person on the provider's behalf"),
    "provider_established_in_eu": _("Provider established in the EU"),
    "conformity_assessment_route": _("Conformity-assessment route (Art 43)"),
    "dpia_required": _("A data protection impact assessment is required"),
    "internal_notes": _("Internal notes (never filed)"),
    **TRAINING_SUMMARY_FIELD,
    # Code of Practice declaration (Copyright chapter, Measures 1.1-1.5; Art 53(4), 55(2)).
    "copyright_policy": _("Copyright policy"),
    "alternative_means": _("Alternative adequate means"),
    "alternative_evidence": _("Evidence of the alternative means"),
}

# The rows of a filed classification (the console and the PDF), by key.
CLASSIFICATION_FIELD = {
    "risk_tier": _("Risk tier"),
    "transparency_triggers": _("Transparency obligations (Art 50)"),
    "must_register_eu_database": _("Registration in the EU database (Art 49)"),
    "registration_section": _("Annex VIII section"),
    "registration_visibility": _("Visibility in the EU database"),
    "compliance_deadline": _("Obligations apply from"),
    "calendar": _("Legal calendar"),
    "ruleset_version": _("Rules version"),
}

# Registration fields whose values are codes, by field key: the label a person reads.
FIELD_VALUE: dict[str, Mapping[str, object]] = {
    "status": SYSTEM_STATUS,
    "certificate_type": CERTIFICATE_TYPE,
    "conformity_assessment_route": CONFORMITY_ROUTE,
    "art6_3_conditions": ART63_CONDITION,
    "organisation_type": ORGANISATION_TYPE,
    "risk_tier": RISK_TIER,
    "member_states": MEMBER_STATE,
    "country": MEMBER_STATE,
    # The classification of a filed version (the console's and the PDF's classification rows).
    "transparency_triggers": TRANSPARENCY_TRIGGER,
    "registration_section": SECTION,
    "registration_visibility": VISIBILITY,
    "calendar": LEGAL_CALENDAR,
    "role": ROLE,
    "annex_iii_area": ANNEX_III_AREA,
    "modalities": MODALITY,
    **{
        f"{kind}_used": SOURCE_USE
        for kind in (
            "public_datasets",
            "licensed_data",
            "crawled_data",
            "user_data",
            "synthetic_data",
            "other_sources",
        )
    },  # fmt: skip
}


@contextmanager
def in_english() -> Iterator[None]:
    """Labels, dates and sizes in English within: what the filed PDF and the filed English
    sentences are written in. Without settings (the standalone renderer) English already."""
    if not settings.configured:
        yield
        return
    from django.utils import translation

    with translation.override("en"):
        yield


def text(label: object) -> str:
    """A label as text in the active language. Without Django settings (the standalone PDF
    renderer and verifier, tests/filings/test_standalone.py) no catalogue can be read, so a
    lazy label gives its msgid: the English wording."""
    if settings.configured:
        return str(label)
    args = getattr(label, "_args", None)  # django.utils.functional.lazy keeps the msgid here
    return str(args[0]) if args else str(label)


def coded(mapping: Mapping[str, object], value: object) -> object:
    """A value (a code or a list of codes) with each code the mapping knows replaced by its
    translated label; anything else comes back unchanged."""
    if isinstance(value, str):
        return text(mapping.get(value, value))
    if isinstance(value, list):
        return [text(mapping.get(v, v)) if isinstance(v, str) else v for v in value]
    return value


def field_value(key: str, value: object) -> object:
    """A registration field's value with its codes (``on_market``, ``high_risk``, ...) replaced
    by their translated labels; values that are not codes come back unchanged."""
    mapping = FIELD_VALUE.get(key)
    return value if mapping is None else coded(mapping, value)


def choices(
    mapping: Mapping[str, object], *, blank: object | None = None
) -> list[tuple[str, object]]:
    """Form choices from a label map, optionally led by a blank choice."""
    items = list(mapping.items())
    return [("", blank), *items] if blank is not None else items


def member_state_choices() -> list[tuple[str, object]]:
    return [(state.value, MEMBER_STATE[state.value]) for state in rules.MemberState]


# The coded columns a risk row shows as labels (workspace/records/_risk_table.html).
RISK_RECORD_CODES = ("likelihood", "severity", "residual_risk", "status")


def with_labels(rows: Iterable[Any], *names: str) -> list[Any]:
    """The rows, each with ``<name>_label``: the translated label of its coded value. Each label
    is translated once per call: a model's ``get_<name>_display`` hashes every lazy choice on
    every call, which was most of a page's time at 50 rows (bench/list_pages.py)."""
    rows = list(rows)
    if not rows:
        return rows
    meta = rows[0]._meta
    tables = {
        name: {v: str(label) for v, label in meta.get_field(name).flatchoices} for name in names
    }
    for row in rows:
        for name in names:
            value = getattr(row, name)
            setattr(row, f"{name}_label", tables[name].get(value, value))
    return rows
