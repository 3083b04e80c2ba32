"""Submissions for register tests, built without the workspace (the register's own contract)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from registry.filings.samples import sample_snapshot
from registry.register.services.submit import EvidenceFile, Submission

BODY_KEYS = (
    "organisation",
    "subject",
    "registration",
    "classification",
    "risk_summary",
    "qms_summary",
)


def submission(
    organisation,
    *,
    kind: str = "annex_viii_a",
    subject_id: str = "sys-1",
    member_states: tuple[str, ...] = ("DE",),
    restricted: bool = False,
    evidence: tuple[EvidenceFile, ...] = (),
    **body_overrides: Any,
) -> Submission:
    snapshot = sample_snapshot(kind=kind, restricted=restricted, risk_rows=2, evidence_rows=0)
    body = {key: snapshot[key] for key in BODY_KEYS}
    body.update(body_overrides)
    return Submission(
        organisation=organisation,
        kind=kind,
        subject_type=body["subject"]["type"],
        subject_id=subject_id,
        subject_name=body["subject"]["name"],
        body=body,
        evidence=evidence,
        restricted=restricted,
        member_states=member_states,
        annex_iii_area="4(a)" if kind.startswith("annex_viii") else "",
        risk_tier="high_risk" if kind == "annex_viii_a" else "",
    )


def evidence_file(
    tmp_path: Path, name: str = "conformity.pdf", content: bytes = b"%PDF-1.4 declaration"
) -> EvidenceFile:
    path = tmp_path / name
    path.write_bytes(content)
    return EvidenceFile(
        name=name,
        path=path,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        content_type="application/pdf",
    )
