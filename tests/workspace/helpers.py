"""Shared helpers for the workspace tests."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from portal.audit.models import AuditEvent
from registry.workspace import models, services
from registry.workspace.demo_files import minimal_pdf

WORKSPACE_MODELS = (
    models.AISystem,
    models.Classification,
    models.GPAIModel,
    models.GPAIModelVersion,
    models.RiskRecord,
    models.QMSRecord,
    models.Evidence,
    models.CodeOfPracticeSignature,
    models.CodeOfPracticeSignatureChange,
)


def counts() -> dict[str, int]:
    """Row counts of every workspace table and of the audit trail, in the current schema."""
    data = {model.__name__: model.objects.count() for model in WORKSPACE_MODELS}
    data["AuditEvent"] = AuditEvent.objects.count()
    return data


def files_under(root: Path) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def make_system(actor: Any, trade_name: str = "Triage helper", **fields: Any) -> models.AISystem:
    fields.setdefault("role", "provider")
    return services.ai_system_create(actor=actor, trade_name=trade_name, **fields)


def upload(actor: Any, body: bytes, filename: str = "doc.pdf", **kw: Any) -> models.Evidence:
    return services.evidence_upload(actor=actor, file=io.BytesIO(body), filename=filename, **kw)


def pdf(*lines: str) -> bytes:
    return minimal_pdf(*(lines or ("Test evidence",)))
