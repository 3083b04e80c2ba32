"""Every write to the workspace: keyword-only, ``actor=`` first, audited in its transaction."""

from registry.workspace.services.cop import cop_signature_set
from registry.workspace.services.evidence import (
    evidence_delete,
    evidence_link,
    evidence_share,
    evidence_storage_name,
    evidence_unlink,
    evidence_upload,
)
from registry.workspace.services.gpai import (
    gpai_model_create,
    gpai_model_update,
    gpai_model_version_create,
    gpai_model_version_update,
)
from registry.workspace.services.records import (
    qms_record_approve,
    qms_record_create,
    qms_record_update,
    records_assign_owner,
    records_schedule_review,
    risk_record_create,
    risk_record_update,
)
from registry.workspace.services.systems import (
    SYSTEM_FIELDS,
    ai_system_create,
    ai_system_delete,
    ai_system_update,
    system_classify,
    system_reclassify,
)

__all__ = [
    "evidence_delete",
    "SYSTEM_FIELDS",
    "ai_system_create",
    "ai_system_delete",
    "ai_system_update",
    "cop_signature_set",
    "evidence_link",
    "evidence_share",
    "evidence_storage_name",
    "evidence_unlink",
    "evidence_upload",
    "gpai_model_create",
    "gpai_model_update",
    "gpai_model_version_create",
    "gpai_model_version_update",
    "qms_record_approve",
    "qms_record_create",
    "qms_record_update",
    "records_assign_owner",
    "records_schedule_review",
    "risk_record_create",
    "risk_record_update",
    "system_classify",
    "system_reclassify",
]
