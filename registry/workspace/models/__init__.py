from registry.workspace.models.cop import CodeOfPracticeSignature, CodeOfPracticeSignatureChange
from registry.workspace.models.copyright import (
    CopyrightPolicyMeasure,
    CopyrightPolicyVersion,
    TrainingContentSummary,
)
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.models.evidence import Evidence
from registry.workspace.models.gpai import GPAIModel, GPAIModelVersion
from registry.workspace.models.incidents import IncidentDraft
from registry.workspace.models.records import QMSRecord, RiskRecord
from registry.workspace.models.systems import AISystem, Classification

__all__ = [
    "AISystem",
    "Classification",
    "CodeOfPracticeSignature",
    "CodeOfPracticeSignatureChange",
    "CopyrightPolicyMeasure",
    "CopyrightPolicyVersion",
    "Evidence",
    "FilingDraft",
    "GPAIModel",
    "GPAIModelVersion",
    "IncidentDraft",
    "QMSRecord",
    "RiskRecord",
    "TrainingContentSummary",
]
