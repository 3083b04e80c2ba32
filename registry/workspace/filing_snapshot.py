"""What a submitted draft becomes in the register: the body of its snapshot and the files it
carries. The content itself (items, checklist) comes from ``filing_content``."""

from __future__ import annotations

from typing import Any

from portal.tenancy.models import Organisation
from registry.register.services.submit import EvidenceFile
from registry.workspace.filing_content import Content
from registry.workspace.models.drafts import FilingDraft
from registry.workspace.selectors.lists import evidence_path


def organisation_block(organisation: Organisation) -> dict[str, Any]:
    return {
        "legal_name": organisation.legal_name,
        "slug": organisation.slug,
        "country": str(organisation.country),
        "organisation_type": organisation.organisation_type,
        "vat_number": organisation.vat_number,
        "euid": organisation.euid,
        "lei": organisation.lei,
        "address": organisation.address,
        "contact_name": organisation.contact_name,
        "contact_email": organisation.contact_email,
    }


def snapshot_body(content: Content, organisation: Organisation, draft: FilingDraft) -> dict:
    risk_summary: list[dict[str, Any]] = []
    qms_summary: list[dict[str, Any]] = []
    if draft.system is not None:
        for risk in draft.system.risk_records.order_by("id"):
            risk_summary.append(
                {
                    "hazard": risk.hazard,
                    "likelihood": risk.likelihood,
                    "severity": risk.severity,
                    "residual_risk": risk.residual_risk,
                    "status": risk.status,
                    "mitigation": risk.mitigation,
                }
            )
        for record in draft.system.qms_records.order_by("aspect", "id"):
            qms_summary.append(
                {
                    "aspect": record.aspect,
                    "title": record.title,
                    "document_version": record.document_version,
                    "approved_at": record.approved_at.date().isoformat()
                    if record.approved_at
                    else None,
                }
            )
    return {
        "organisation": organisation_block(organisation),
        "subject": content.subject,
        "registration": {"section": content.section, "items": content.items},
        "classification": content.classification,
        "risk_summary": risk_summary,
        "qms_summary": qms_summary,
        "notes": draft.notes,
    }


def evidence_files(content: Content) -> tuple[EvidenceFile, ...]:
    return tuple(
        EvidenceFile(
            name=item.original_filename,
            path=evidence_path(item),
            sha256=item.sha256,
            size=item.size,
            content_type=item.content_type,
        )
        for item in content.evidence
    )
