"""The AI Act rules engine: pure Python, no Django.

Public API (everything else is internal and may change):

- ``classify(facts, *, calendar=None) -> Classification`` per classification-contract.md;
  ``Classification.to_dict()`` / ``Classification.from_dict()``; ``FactsError``.
- Legal calendars: ``CALENDARS``, ``list_calendars()``, ``set_default_calendar(name)``,
  ``get_default_calendar()``; every result names its calendar and ``RULESET_VERSION``.
- Annex VIII: ``check_completeness(section, data, *, restricted) -> Completeness`` and the item
  definitions ``ANNEX_VIII_ITEMS`` / ``SECTION_A_ITEMS`` / ``SECTION_B_ITEMS`` /
  ``SECTION_C_ITEMS``.
- Derived dates: ``registration_due``, ``certificate_max_expiry``, ``certificate_renewal_alerts``,
  ``retention_until``, ``log_retention_until``, ``serious_incident_report_due``,
  ``art52_notification_due``.
"""

from __future__ import annotations

from .annex_viii import (
    ANNEX_VIII_ITEMS,
    CONDITION_FIELDS,
    SECTION_A_ITEMS,
    SECTION_B_ITEMS,
    SECTION_C_ITEMS,
    AnnexVIIIItem,
    Applicability,
    Completeness,
    FieldIssue,
    check_completeness,
    fields_for,
    items_for,
)
from .classify import classify
from .dates import (
    CERTIFICATE_ALERT_DAYS,
    SERIOUS_INCIDENT_REPORT_DAYS,
    art52_notification_due,
    certificate_max_expiry,
    certificate_renewal_alerts,
    log_retention_until,
    registration_due,
    retention_until,
    serious_incident_report_due,
)
from .enums import (
    AnnexIIIArea,
    AnnexISection,
    Art5Exception,
    Art50Exception,
    Art63Condition,
    BecomesProviderArt25,
    CertificateType,
    ConformityRoute,
    DateStatus,
    EmotionRecognitionSetting,
    LegalCalendarName,
    MemberState,
    OrganisationType,
    OutOfScope,
    ProhibitedPractice,
    RegistrationSection,
    RegistrationVisibility,
    RemoteBiometricIdentification,
    RiskTier,
    Role,
    SeriousIncidentType,
    SystemStatus,
    TransparencyTrigger,
)
from .errors import CalendarError, FactsError
from .facts import FACT_KEYS, Facts, facts_to_dict, parse_facts
from .legal_calendar import (
    CALENDARS,
    LegalCalendar,
    Milestone,
    get_calendar,
    get_default_calendar,
    list_calendars,
    set_default_calendar,
)
from .result import CONTRACT_KEYS, Classification, ExplanationStep, Phrase, Step
from .titles import OBLIGATION_TITLES, obligation_title, obligation_titles
from .version import RULESET_VERSION

__all__ = [
    "ANNEX_VIII_ITEMS",
    "CALENDARS",
    "CERTIFICATE_ALERT_DAYS",
    "CONDITION_FIELDS",
    "CONTRACT_KEYS",
    "FACT_KEYS",
    "OBLIGATION_TITLES",
    "RULESET_VERSION",
    "SECTION_A_ITEMS",
    "SECTION_B_ITEMS",
    "SECTION_C_ITEMS",
    "SERIOUS_INCIDENT_REPORT_DAYS",
    "AnnexIIIArea",
    "AnnexISection",
    "AnnexVIIIItem",
    "Applicability",
    "BecomesProviderArt25",
    "Art5Exception",
    "Art50Exception",
    "Art63Condition",
    "CalendarError",
    "CertificateType",
    "Classification",
    "Completeness",
    "ConformityRoute",
    "DateStatus",
    "EmotionRecognitionSetting",
    "ExplanationStep",
    "Facts",
    "FactsError",
    "FieldIssue",
    "LegalCalendar",
    "LegalCalendarName",
    "MemberState",
    "Milestone",
    "OrganisationType",
    "OutOfScope",
    "Phrase",
    "ProhibitedPractice",
    "RegistrationSection",
    "RegistrationVisibility",
    "RemoteBiometricIdentification",
    "RiskTier",
    "Role",
    "SeriousIncidentType",
    "Step",
    "SystemStatus",
    "TransparencyTrigger",
    "art52_notification_due",
    "certificate_max_expiry",
    "certificate_renewal_alerts",
    "check_completeness",
    "classify",
    "facts_to_dict",
    "fields_for",
    "get_calendar",
    "get_default_calendar",
    "items_for",
    "list_calendars",
    "obligation_title",
    "obligation_titles",
    "log_retention_until",
    "parse_facts",
    "registration_due",
    "retention_until",
    "serious_incident_report_due",
    "set_default_calendar",
]
