"""Every read of the workspace. Reading needs membership, which the middleware (web) or the API
base view has checked; selectors do not check roles."""

from registry.workspace.selectors.lists import (
    SYSTEM_SORTS,
    ai_system_get,
    ai_system_list,
    ai_system_rows,
    classification_is_current,
    cop_signature_history,
    cop_signature_list,
    evidence_get,
    evidence_list,
    evidence_path,
    gpai_model_get,
    gpai_model_list,
    gpai_model_version_list,
    qms_record_list,
    risk_record_list,
    system_classification_history,
    system_latest_classification,
)
from registry.workspace.selectors.registration import (
    evidence_reference,
    organisation_party,
    system_completeness,
    system_registration_data,
)

__all__ = [
    "SYSTEM_SORTS",
    "ai_system_get",
    "ai_system_list",
    "ai_system_rows",
    "classification_is_current",
    "cop_signature_history",
    "cop_signature_list",
    "evidence_get",
    "evidence_list",
    "evidence_path",
    "evidence_reference",
    "gpai_model_get",
    "gpai_model_list",
    "gpai_model_version_list",
    "organisation_party",
    "qms_record_list",
    "risk_record_list",
    "system_classification_history",
    "system_completeness",
    "system_latest_classification",
    "system_registration_data",
]
