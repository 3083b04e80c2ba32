"""Helpers shared by the demo seeders: files and systems made through the services."""

from __future__ import annotations

import io
from typing import Any

from portal.accounts.models import User
from registry.workspace import services
from registry.workspace.demo_files import minimal_pdf
from registry.workspace.models import AISystem, Evidence


def evidence(actor: User, filename: str, body: bytes, title: str, **links: Any) -> Evidence:
    return services.evidence_upload(
        actor=actor, file=io.BytesIO(body), filename=filename, title=title, **links
    )


def pdf(title: str, *lines: str) -> bytes:
    return minimal_pdf(title, "", *lines)


def demo_system(
    actor: User, created: list[str], trade_name: str, facts: dict[str, Any], **fields: Any
) -> tuple[AISystem, bool]:
    existing = AISystem.objects.filter(trade_name=trade_name).first()
    if existing is not None:
        return existing, False
    system = services.ai_system_create(
        actor=actor, trade_name=trade_name, role=facts["role"], **fields
    )
    services.system_classify(actor=actor, system=system, facts=facts)
    created.append(f"system {trade_name}")
    return system, True
