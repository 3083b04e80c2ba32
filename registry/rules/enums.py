"""Enumerations of the AI Act rules engine.

Every value is a plain ``enum.StrEnum`` (so it compares equal to, and serialises as, its string
value) and carries the legal reference that defines it in ``.citation``.  The string values are
part of the classification contract (``classification-contract.md``) and of the stored data: never
rename a value, add a new one instead.
"""

from __future__ import annotations

from enum import StrEnum


class LegalEnum(StrEnum):
    """A ``StrEnum`` whose members also carry the article or annex point that defines them."""

    citation: str

    def __new__(cls, value: str, citation: str = "") -> LegalEnum:
        member = str.__new__(cls, value)
        member._value_ = value
        member.citation = citation
        return member


class LegalCalendarName(LegalEnum):
    ORIGINAL_2024_1689 = "original_2024_1689", "Art 113 Regulation (EU) 2024/1689"
    AMENDED_2026_1744 = "amended_2026_1744", "Regulation (EU) 2026/1744 (Digital Omnibus on AI)"


class Role(LegalEnum):
    PROVIDER = "provider", "Art 3(3)"
    DEPLOYER = "deployer", "Art 3(4)"
    IMPORTER = "importer", "Art 3(6)"
    DISTRIBUTOR = "distributor", "Art 3(7)"
    AUTHORISED_REPRESENTATIVE = "authorised_representative", "Art 3(5)"
    PRODUCT_MANUFACTURER = "product_manufacturer", "Art 25(3)"


class OrganisationType(LegalEnum):
    PRIVATE_COMPANY = "private_company", "Art 3(8)"
    # Art 49(3) and Art 27(1) single out public authorities and Union bodies.
    PUBLIC_AUTHORITY = "public_authority", "Art 49(3)"
    EU_INSTITUTION = "eu_institution", "Art 49(3)"
    NON_PROFIT = "non_profit", "Art 3(8)"


class RiskTier(LegalEnum):
    PROHIBITED = "prohibited", "Art 5"
    HIGH_RISK = "high_risk", "Art 6"
    LIMITED_RISK_TRANSPARENCY = "limited_risk_transparency", "Art 50"
    MINIMAL_RISK = "minimal_risk", "Art 95"
    GPAI = "gpai", "Art 51, Art 53"
    GPAI_SYSTEMIC_RISK = "gpai_systemic_risk", "Art 51(1), Art 55"
    OUT_OF_SCOPE = "out_of_scope", "Art 2"


class TransparencyTrigger(LegalEnum):
    INTERACTION = "50(1)", "Art 50(1)"
    SYNTHETIC_CONTENT = "50(2)", "Art 50(2)"
    EMOTION_OR_BIOMETRIC_CATEGORISATION = "50(3)", "Art 50(3)"
    DEEPFAKE_OR_PUBLIC_INTEREST_TEXT = "50(4)", "Art 50(4)"


class RegistrationSection(LegalEnum):
    A = "A", "Art 49(1), Annex VIII Section A"
    B = "B", "Art 49(2), Annex VIII Section B"
    C = "C", "Art 49(3), Annex VIII Section C"


class RegistrationVisibility(LegalEnum):
    PUBLIC = "public", "Art 71(4)"
    RESTRICTED_49_4 = "restricted_49_4", "Art 49(4)"
    NATIONAL = "national", "Art 49(5)"


class AnnexIIIArea(LegalEnum):
    BIOMETRIC_RBI = "1(a)", "Annex III 1(a)"
    BIOMETRIC_CATEGORISATION = "1(b)", "Annex III 1(b)"
    EMOTION_RECOGNITION = "1(c)", "Annex III 1(c)"
    CRITICAL_INFRASTRUCTURE = "2", "Annex III 2"
    EDUCATION_ACCESS = "3(a)", "Annex III 3(a)"
    EDUCATION_OUTCOMES = "3(b)", "Annex III 3(b)"
    EDUCATION_LEVEL = "3(c)", "Annex III 3(c)"
    EDUCATION_TEST_MONITORING = "3(d)", "Annex III 3(d)"
    EMPLOYMENT_RECRUITMENT = "4(a)", "Annex III 4(a)"
    EMPLOYMENT_MANAGEMENT = "4(b)", "Annex III 4(b)"
    PUBLIC_BENEFITS = "5(a)", "Annex III 5(a)"
    CREDITWORTHINESS = "5(b)", "Annex III 5(b)"
    LIFE_HEALTH_INSURANCE = "5(c)", "Annex III 5(c)"
    EMERGENCY_TRIAGE = "5(d)", "Annex III 5(d)"
    LE_VICTIM_RISK = "6(a)", "Annex III 6(a)"
    LE_POLYGRAPH = "6(b)", "Annex III 6(b)"
    LE_EVIDENCE_RELIABILITY = "6(c)", "Annex III 6(c)"
    LE_OFFENDING_RISK = "6(d)", "Annex III 6(d)"
    LE_PROFILING = "6(e)", "Annex III 6(e)"
    MIGRATION_POLYGRAPH = "7(a)", "Annex III 7(a)"
    MIGRATION_RISK = "7(b)", "Annex III 7(b)"
    MIGRATION_APPLICATIONS = "7(c)", "Annex III 7(c)"
    MIGRATION_IDENTIFICATION = "7(d)", "Annex III 7(d)"
    JUSTICE = "8(a)", "Annex III 8(a)"
    ELECTIONS = "8(b)", "Annex III 8(b)"

    @property
    def point(self) -> int:
        """The Annex III point (1-8) the use case belongs to."""
        return int(self.value[0])


class Art63Condition(LegalEnum):
    NARROW_PROCEDURAL_TASK = "a", "Art 6(3)(a)"
    IMPROVES_COMPLETED_HUMAN_ACTIVITY = "b", "Art 6(3)(b)"
    DETECTS_PATTERNS_WITHOUT_REPLACING_REVIEW = "c", "Art 6(3)(c)"
    PREPARATORY_TASK = "d", "Art 6(3)(d)"


class EmotionRecognitionSetting(LegalEnum):
    WORKPLACE = "workplace", "Art 5(1)(f)"
    EDUCATION = "education", "Art 5(1)(f)"
    OTHER = "other", "Annex III 1(c)"


class RemoteBiometricIdentification(LegalEnum):
    NONE = "none", ""
    REAL_TIME = "real_time", "Art 3(42)"
    POST = "post", "Art 3(43)"


class Art5Exception(LegalEnum):
    VICTIMS_AND_MISSING_PERSONS = "5(1)(h)(i)", "Art 5(1)(h)(i)"
    IMMINENT_THREAT = "5(1)(h)(ii)", "Art 5(1)(h)(ii)"
    SERIOUS_CRIME_SUSPECT = "5(1)(h)(iii)", "Art 5(1)(h)(iii)"


class AnnexISection(LegalEnum):
    # Section A: New Legislative Framework acts; Section B: the "old approach" acts of Art 2(2).
    A = "A", "Annex I Section A"
    B = "B", "Annex I Section B, Art 2(2)"


class OutOfScope(LegalEnum):
    """The Art 2 exclusions the contract models as one fact (contract 2)."""

    MILITARY_DEFENCE_NATIONAL_SECURITY = "military_defence_national_security", "Art 2(3)"
    SCIENTIFIC_RESEARCH_ONLY = "scientific_research_only", "Art 2(6)"
    RESEARCH_TESTING_BEFORE_MARKET = "research_testing_before_market", "Art 2(8)"
    PERSONAL_NON_PROFESSIONAL = "personal_non_professional", "Art 2(10)"


class BecomesProviderArt25(LegalEnum):
    OWN_NAME_OR_TRADEMARK = "own_name_or_trademark", "Art 25(1)(a)"
    SUBSTANTIAL_MODIFICATION = "substantial_modification", "Art 25(1)(b)"
    CHANGED_INTENDED_PURPOSE = "changed_intended_purpose", "Art 25(1)(c)"


class Art50Exception(LegalEnum):
    LAW_ENFORCEMENT_AUTHORISED = "law_enforcement_authorised", "Art 50(1)-(4)"
    OBVIOUS_FROM_CONTEXT = "obvious_from_context", "Art 50(1)"
    ASSISTIVE_OR_STANDARD_EDITING = "assistive_or_standard_editing", "Art 50(2)"
    ARTISTIC_SATIRICAL_FICTIONAL = "artistic_satirical_fictional", "Art 50(4) first subparagraph"
    HUMAN_EDITORIAL_CONTROL = "human_editorial_control", "Art 50(4) second subparagraph"


class DateStatus(LegalEnum):
    PLANNED = "planned", ""
    ACTUAL = "actual", "Art 3(9), Art 3(11)"


class ProhibitedPractice(LegalEnum):
    MANIPULATION = "5(1)(a)", "Art 5(1)(a)"
    EXPLOITATION_OF_VULNERABILITIES = "5(1)(b)", "Art 5(1)(b)"
    SOCIAL_SCORING = "5(1)(c)", "Art 5(1)(c)"
    CRIMINAL_RISK_SOLELY_PROFILING = "5(1)(d)", "Art 5(1)(d)"
    UNTARGETED_FACIAL_SCRAPING = "5(1)(e)", "Art 5(1)(e)"
    EMOTION_RECOGNITION_WORK_EDUCATION = "5(1)(f)", "Art 5(1)(f)"
    SENSITIVE_BIOMETRIC_CATEGORISATION = "5(1)(g)", "Art 5(1)(g)"
    REAL_TIME_RBI_LAW_ENFORCEMENT = "5(1)(h)", "Art 5(1)(h)"


class ConformityRoute(LegalEnum):
    ANNEX_VI_INTERNAL_CONTROL = "annex_vi_internal_control", "Art 43(1)(a), Art 43(2), Annex VI"
    ANNEX_VII_NOTIFIED_BODY = "annex_vii_notified_body", "Art 43(1)(b), Annex VII"
    SECTORAL_ANNEX_I = "sectoral_annex_i", "Art 43(3)"
    MSA_AS_NOTIFIED_BODY = "msa_as_notified_body", "Art 43(1) third subparagraph"


class CertificateType(LegalEnum):
    QMS_APPROVAL_ANNEX_VII = "qms_approval_annex_vii", "Annex VII point 3"
    TECHNICAL_DOCUMENTATION_ASSESSMENT_ANNEX_VII = (
        "technical_documentation_assessment_annex_vii",
        "Annex VII point 4",
    )
    SECTORAL = "sectoral", "Art 43(3)"


class SystemStatus(LegalEnum):
    """Annex VIII Section A point 7 / Section B point 8."""

    ON_MARKET = "on_market", "Annex VIII A7"
    IN_SERVICE = "in_service", "Annex VIII A7"
    NO_LONGER_ON_MARKET = "no_longer_on_market", "Annex VIII A7"
    NO_LONGER_IN_SERVICE = "no_longer_in_service", "Annex VIII A7"
    RECALLED = "recalled", "Annex VIII A7, Art 3(16)"


class SeriousIncidentType(LegalEnum):
    """Incident kinds that set different Art 73 reporting periods.

    Art 3(49)(a) is split into death and serious harm to health because Art 73(4) gives death
    its own (10-day) period.
    """

    DEATH = "death", "Art 3(49)(a), Art 73(4)"
    SERIOUS_HARM_TO_HEALTH = "serious_harm_to_health", "Art 3(49)(a), Art 73(2)"
    CRITICAL_INFRASTRUCTURE = "critical_infrastructure", "Art 3(49)(b), Art 73(3)"
    FUNDAMENTAL_RIGHTS = "fundamental_rights", "Art 3(49)(c), Art 73(2)"
    PROPERTY_OR_ENVIRONMENT = "property_or_environment", "Art 3(49)(d), Art 73(2)"
    WIDESPREAD_INFRINGEMENT = "widespread_infringement", "Art 3(61), Art 73(3)"


class MemberState(LegalEnum):
    """EU-27 as ISO 3166-1 alpha-2 codes (Greece is GR, not the EU's EL), Annex VIII A10/B9."""

    AT = "AT", "Annex VIII A10, B9"
    BE = "BE", "Annex VIII A10, B9"
    BG = "BG", "Annex VIII A10, B9"
    CY = "CY", "Annex VIII A10, B9"
    CZ = "CZ", "Annex VIII A10, B9"
    DE = "DE", "Annex VIII A10, B9"
    DK = "DK", "Annex VIII A10, B9"
    EE = "EE", "Annex VIII A10, B9"
    ES = "ES", "Annex VIII A10, B9"
    FI = "FI", "Annex VIII A10, B9"
    FR = "FR", "Annex VIII A10, B9"
    GR = "GR", "Annex VIII A10, B9"
    HR = "HR", "Annex VIII A10, B9"
    HU = "HU", "Annex VIII A10, B9"
    IE = "IE", "Annex VIII A10, B9"
    IT = "IT", "Annex VIII A10, B9"
    LT = "LT", "Annex VIII A10, B9"
    LU = "LU", "Annex VIII A10, B9"
    LV = "LV", "Annex VIII A10, B9"
    MT = "MT", "Annex VIII A10, B9"
    NL = "NL", "Annex VIII A10, B9"
    PL = "PL", "Annex VIII A10, B9"
    PT = "PT", "Annex VIII A10, B9"
    RO = "RO", "Annex VIII A10, B9"
    SE = "SE", "Annex VIII A10, B9"
    SI = "SI", "Annex VIII A10, B9"
    SK = "SK", "Annex VIII A10, B9"
