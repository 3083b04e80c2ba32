"""Choices of the workspace models.

Values the rules engine defines (roles, statuses, Annex III areas, member states ...) are built
from its enums, so ``registry.rules`` stays the single source of truth and a stored value always
parses back into the rules' enum; their labels come from the portal's one label table
(``registry.labels``, translated, with the citation). Workspace-only vocabularies are TextChoices
here, each with the legal text that defines it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, cast

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry import labels, rules


def choices_from(
    enum: type[StrEnum], label_of: Mapping[str, Any], name: str | None = None
) -> type[models.TextChoices]:
    """A ``TextChoices`` with the values of a rules enum and their labels from the label table
    (a value the table lacks fails here, at import, rather than showing a bare code)."""
    # The labels are lazy translations, which Django takes wherever it takes a str.
    members = [(member.name, (member.value, cast(str, label_of[member.value]))) for member in enum]
    return models.TextChoices(name or enum.__name__, members)  # type: ignore[return-value]


OperatorRole = choices_from(rules.Role, labels.ROLE, "OperatorRole")
SystemStatus = choices_from(rules.SystemStatus, labels.SYSTEM_STATUS)
AnnexIIIArea = choices_from(rules.AnnexIIIArea, labels.ANNEX_III_AREA)
MemberState = choices_from(rules.MemberState, labels.MEMBER_STATE)
Art63Condition = choices_from(rules.Art63Condition, labels.ART63_CONDITION)
CertificateType = choices_from(rules.CertificateType, labels.CERTIFICATE_TYPE)
ConformityRoute = choices_from(rules.ConformityRoute, labels.CONFORMITY_ROUTE)
RiskTier = choices_from(rules.RiskTier, labels.RISK_TIER)
RegistrationSection = choices_from(rules.RegistrationSection, labels.SECTION)
RegistrationVisibility = choices_from(rules.RegistrationVisibility, labels.VISIBILITY)
LegalCalendarName = choices_from(rules.LegalCalendarName, labels.LEGAL_CALENDAR)


class Likelihood(models.TextChoices):
    """Art 9(2)(b): estimation of the probability of a risk."""

    RARE = "rare", _("Rare")
    UNLIKELY = "unlikely", _("Unlikely")
    POSSIBLE = "possible", _("Possible")
    LIKELY = "likely", _("Likely")
    ALMOST_CERTAIN = "almost_certain", _("Almost certain")


class Severity(models.TextChoices):
    """Art 9(2)(b) and Art 3(2): 'risk' combines probability and severity of harm."""

    NEGLIGIBLE = "negligible", _("Negligible")
    MINOR = "minor", _("Minor")
    MODERATE = "moderate", _("Moderate")
    MAJOR = "major", _("Major")
    CRITICAL = "critical", _("Critical")


class ResidualRisk(models.TextChoices):
    """Art 9(5): residual risk judged per hazard; it must be acceptable before placing."""

    LOW = "low", _("Low (acceptable)")
    MEDIUM = "medium", _("Medium (acceptable with information to deployers, Art 9(5)(c))")
    HIGH = "high", _("High (not acceptable)")


class RiskUse(models.TextChoices):
    """Art 9(2)(a)-(b): risks under intended use and under reasonably foreseeable misuse."""

    INTENDED_USE = "intended_use", _("Intended use (Art 9(2)(a))")
    FORESEEABLE_MISUSE = "foreseeable_misuse", _("Reasonably foreseeable misuse (Art 9(2)(b))")
    POST_MARKET = "post_market", _("Emerging from post-market monitoring (Art 9(2)(c))")


class MitigationType(models.TextChoices):
    """Art 9(5) order of measures: design first, then controls, then information and training."""

    DESIGN = "design", _("Elimination or reduction by design (Art 9(5)(a))")
    CONTROL = "control", _("Mitigation and control (Art 9(5)(b))")
    INFORMATION = "information", _("Information to deployers (Art 9(5)(c), Art 13)")
    TRAINING = "training", _("Training of deployers (Art 9(5)(c))")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MITIGATING = "mitigating", _("Mitigation in progress")
    ACCEPTED = "accepted", _("Residual risk accepted (Art 9(5))")
    CLOSED = "closed", _("Closed")


class QMSAspect(models.TextChoices):
    """Art 17(1)(a)-(m): the aspects a quality-management system covers at least."""

    A = "a", _("(a) Regulatory-compliance strategy (Art 17(1)(a))")
    B = "b", _("(b) Design, design control and verification (Art 17(1)(b))")
    C = "c", _("(c) Development, quality control and assurance (Art 17(1)(c))")
    D = "d", _("(d) Examination, test and validation (Art 17(1)(d))")
    E = "e", _("(e) Technical specifications and standards (Art 17(1)(e))")
    F = "f", _("(f) Data management (Art 17(1)(f))")
    G = "g", _("(g) Risk-management system (Art 17(1)(g), Art 9)")
    H = "h", _("(h) Post-market monitoring (Art 17(1)(h), Art 72)")
    I = "i", _("(i) Serious-incident reporting (Art 17(1)(i), Art 73)")  # noqa: E741
    J = "j", _("(j) Communication with authorities and others (Art 17(1)(j))")
    K = "k", _("(k) Record-keeping (Art 17(1)(k))")
    L = "l", _("(l) Resource management (Art 17(1)(l))")
    M = "m", _("(m) Accountability framework (Art 17(1)(m))")


class QMSRecordStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    RETIRED = "retired", _("Retired")


class Modality(models.TextChoices):
    """Code of Practice MDF section 2 (input and output modalities)."""

    TEXT = "text", _("Text")
    IMAGE = "image", _("Images")
    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video")
    OTHER = "other", _("Other")


class ParameterRange(models.TextChoices):
    """Code of Practice MDF section 2, parameter-range bucket (final buckets partly unverified)."""

    UP_TO_500M = "1m_500m", _("1-500M")
    R_500M_5B = "500m_5b", _("500M-5B")
    R_5B_15B = "5b_15b", _("5B-15B")
    R_15B_50B = "15b_50b", _("15B-50B")
    R_50B_100B = "50b_100b", _("50B-100B")
    R_100B_500B = "100b_500b", _("100B-500B")
    R_500B_1T = "500b_1t", _("500B-1T")
    OVER_1T = "over_1t", _(">1T")


class DistributionChannel(models.TextChoices):
    """Code of Practice MDF section 3, methods of distribution; Annex XI 1(c)."""

    SOFTWARE_SUITE = "software_suite", _("Enterprise or subscription software suite")
    API = "api", _("Public or subscription API")
    APP_OR_FIRMWARE = "app_or_firmware", _("IDE, device-specific app or firmware")
    OPEN_SOURCE_REPOSITORY = "open_source_repository", _("Open-source repository")
    OTHER = "other", _("Other")


class TrainingTime(models.TextChoices):
    """Code of Practice MDF section 7, training-time ranges."""

    UNDER_1_MONTH = "lt_1_month", _("Less than 1 month")
    M1_3 = "1_3_months", _("1-3 months")
    M3_6 = "3_6_months", _("3-6 months")
    OVER_6_MONTHS = "gt_6_months", _("More than 6 months")


class CoPChapter(models.TextChoices):
    """The three chapters of the General-Purpose AI Code of Practice (10 July 2025)."""

    TRANSPARENCY = "transparency", _("Transparency (Art 53(1)(a)-(b), Annexes XI-XII)")
    COPYRIGHT = "copyright", _("Copyright (Art 53(1)(c))")
    SAFETY_SECURITY = "safety_security", _("Safety and Security (Art 55)")


class CoPStatus(models.TextChoices):
    """Per-chapter status: signing is per chapter, and opting out of one loses its benefit for
    that chapter's obligations (Commission FAQ; Arts 53(4) and 55(2))."""

    NOT_SIGNED = "not_signed", _("Not signed")
    SIGNED = "signed", _("Signed")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class FundamentalRight(models.TextChoices):
    """Charter of Fundamental Rights of the EU: the rights Art 9(2)(a) and Art 27 ask about."""

    DIGNITY = "dignity", _("Human dignity (Charter Art 1)")
    LIFE_AND_INTEGRITY = "life_and_integrity", _("Life and integrity (Charter Arts 2-3)")
    PRIVATE_LIFE = "private_life", _("Private and family life (Charter Art 7)")
    DATA_PROTECTION = "data_protection", _("Protection of personal data (Charter Art 8)")
    EXPRESSION = "expression", _("Freedom of expression and information (Charter Art 11)")
    ASSEMBLY = "assembly", _("Freedom of assembly and association (Charter Art 12)")
    EDUCATION = "education", _("Right to education (Charter Art 14)")
    WORK = "work", _("Freedom to choose an occupation (Charter Art 15)")
    PROPERTY = "property", _("Right to property (Charter Art 17)")
    ASYLUM = "asylum", _("Right to asylum (Charter Art 18)")
    NON_DISCRIMINATION = "non_discrimination", _("Non-discrimination (Charter Art 21)")
    GENDER_EQUALITY = "gender_equality", _("Equality between women and men (Charter Art 23)")
    CHILD = "child", _("Rights of the child (Charter Art 24)")
    ELDERLY = "elderly", _("Rights of the elderly (Charter Art 25)")
    DISABILITY = "disability", _("Integration of persons with disabilities (Charter Art 26)")
    WORKING_CONDITIONS = "working_conditions", _("Fair working conditions (Charter Art 31)")
    SOCIAL_SECURITY = "social_security", _("Social security and assistance (Charter Art 34)")
    HEALTH_CARE = "health_care", _("Health care (Charter Art 35)")
    CONSUMER_PROTECTION = "consumer_protection", _("Consumer protection (Charter Art 38)")
    GOOD_ADMINISTRATION = "good_administration", _("Good administration (Charter Art 41)")
    EFFECTIVE_REMEDY = "effective_remedy", _("Effective remedy and fair trial (Charter Art 47)")
    PRESUMPTION_OF_INNOCENCE = (
        "presumption_of_innocence",
        _("Presumption of innocence (Charter Art 48)"),
    )


class CopyrightMeasure(models.TextChoices):
    """The checklist of a copyright policy (Art 53(1)(c)): the measures of the Code of Practice's
    Copyright chapter, Commitment 1, that a policy implements (Measure 1.1 is the policy itself)."""

    LAWFUL_ACCESS = (
        "lawful_access",
        _("Lawful access only, no circumvention of protection measures (Measure 1.2)"),
    )
    PERSISTENT_INFRINGERS = (
        "persistent_infringers",
        _("Exclusion of sites on the EU list of persistent infringers (Measure 1.2)"),
    )
    RIGHTS_RESERVATIONS = (
        "rights_reservations",
        _(
            "Honouring robots.txt (RFC 9309) and other machine-readable rights reservations, "
            "crawler names published (Measure 1.3)"
        ),
    )
    INFRINGING_OUTPUTS = (
        "infringing_outputs",
        _("Safeguards against infringing outputs and acceptable-use terms (Measure 1.4)"),
    )
    COMPLAINTS = (
        "complaints",
        _("Point of contact and complaint mechanism (Measure 1.5)"),
    )


class MeasureStatus(models.TextChoices):
    """How far a measure of the policy is in place."""

    IMPLEMENTED = "implemented", _("Implemented")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_STARTED = "not_started", _("Not started")
    # E.g. Measures 1.2-1.3 for a provider that does not crawl the web: the text says why.
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
